namespace Sweeps.Training;

/// <param name="ImagesPerSecond">Forward + backward + optimiser step throughput, the first (warm-up) step excluded.</param>
/// <param name="Rss">Resident memory after steps 10, 100 and 1000, those reached.</param>
/// <param name="MultiplyAddsPerImage">Forward multiply-adds per image (see <see cref="MultiplyAddCounter"/>).</param>
/// <param name="TrainingFlopsPerImage">6 x multiply-adds: 2 flops per multiply-add, backward twice the forward.</param>
/// <param name="PeakFlopsPerSecond">Measured float32 matmul rate on the same device in the same process.</param>
/// <param name="FractionOfPeak">Training flops per second over the matmul peak.</param>
public sealed record TrainingBenchmarkResult(
    int Steps, int BatchSize, double ImagesPerSecond, IReadOnlyList<RssSample> Rss,
    long MultiplyAddsPerImage, double TrainingFlopsPerImage, double PeakFlopsPerSecond, double FractionOfPeak);
