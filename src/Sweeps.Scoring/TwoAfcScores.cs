namespace Sweeps.Scoring;

/// <summary>
/// Accumulates one distance's (function and layer) 2AFC results over BAPPS categories: agreement with
/// the raters for PS and, on unanimous triplets, the distortion-sensitivity margin.
/// </summary>
public sealed class TwoAfcScores
{
    private readonly CategoryMeans _agreements = new();
    private readonly CategoryMeans _margins = new(scale: 1);

    /// <summary>Adds every triplet of one category: distances to p0 and p1 and the judge (fraction preferring p1).</summary>
    public void Add(string category, IReadOnlyList<double> toP0, IReadOnlyList<double> toP1, IReadOnlyList<float> judges)
    {
        if (toP0.Count != judges.Count || toP1.Count != judges.Count)
            throw new ArgumentException($"Category {category}: {toP0.Count} and {toP1.Count} distances for {judges.Count} judgements.");
        for (int i = 0; i < judges.Count; i++)
        {
            _agreements.Add(category, TwoAfc.Agreement(toP0[i], toP1[i], judges[i]));
            if (DistortionSensitivity.Margin(toP0[i], toP1[i], judges[i]) is { } margin)
                _margins.Add(category, margin);
        }
    }

    /// <summary>PS rows, then sensitivity rows (absent when no triplet was unanimous).</summary>
    public IReadOnlyList<ScoreRow> ToRows(string function, string? layer) =>
    [
        .. _agreements.ToRows(ScoreMetrics.PerceptualScore, function, layer),
        .. _margins.IsEmpty ? [] : _margins.ToRows(ScoreMetrics.Sensitivity, function, layer),
    ];
}
