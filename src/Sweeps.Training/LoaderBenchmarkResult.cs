namespace Sweeps.Training;

public sealed record LoaderBenchmarkResult(long Images, double Seconds, double ImagesPerSecond);
