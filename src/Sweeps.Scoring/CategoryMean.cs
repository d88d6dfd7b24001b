namespace Sweeps.Scoring;

/// <summary>The mean of one category's values over <paramref name="Count"/> items, times the accumulator's scale.</summary>
public sealed record CategoryMean(string Name, int Count, double Mean);
