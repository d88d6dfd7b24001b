namespace Sweeps.Data;

/// <summary>Images prepared, image bytes written and the time taken (reading, checking, writing and hashing).</summary>
public sealed record PrepareBenchmarkResult(long Images, long Bytes, TimeSpan Elapsed)
{
    public double MegabytesPerSecond => Bytes / 1e6 / Elapsed.TotalSeconds;
    public double ImagesPerSecond => Images / Elapsed.TotalSeconds;
}
