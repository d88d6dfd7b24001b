namespace Sweeps.Scoring;

/// <summary>The mean of one category's per-triplet values, as a percentage, over <paramref name="Count"/> triplets.</summary>
public sealed record CategoryMean(string Name, int Count, double Percent);
