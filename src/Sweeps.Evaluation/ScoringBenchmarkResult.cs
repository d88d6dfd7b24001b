namespace Sweeps.Evaluation;

/// <summary>How long scoring <paramref name="Triplets"/> 2AFC triplets took, after one warm-up batch.</summary>
public sealed record ScoringBenchmarkResult(int Triplets, TimeSpan Elapsed)
{
    public double TripletsPerSecond => Triplets / Elapsed.TotalSeconds;
}
