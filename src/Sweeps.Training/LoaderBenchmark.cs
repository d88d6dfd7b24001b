using System.Diagnostics;
using Sweeps.Data;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>
/// Throughput of the whole data path a trainer sees: <see cref="TrainingLoader"/> batches (staging,
/// copy to the device, float conversion, crop and flip) consumed as fast as they come. Thread count is the caller's.
/// </summary>
public static class LoaderBenchmark
{
    public static LoaderBenchmarkResult Run(LabelledImages images, DataConfig data, int batchSize, int steps, Device device, CancellationToken ct)
    {
        var order = new TrainingOrder(images.Count, batchSize, seed: 0, images.Source);
        using var loader = new TrainingLoader(images, order, data, device, firstStep: 0, endStep: steps);
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var (batch, _) = loader.Next(ct);
            // Waits for queued GPU work, so the time covers the batch really arriving.
            batch[0, 0, 0, 0].item<float>();
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var count = (long)steps * batchSize;
        return new LoaderBenchmarkResult(count, seconds, count / seconds);
    }
}
