namespace Sweeps.Scoring;

/// <summary>
/// Accumulates per-triplet values in [0, 1] (2AFC agreements, human ceilings, ...) by category and
/// summarises them as percentages: per category, the unweighted mean over categories (each category
/// counts once) and the mean weighted by triplet count. Categories keep the order they first appear in.
/// </summary>
public sealed class CategoryMeans
{
    public const string PerceptualScoreMetric = "ps";
    public const string MeanCategory = "mean";
    public const string WeightedMeanCategory = "weighted_mean";

    private readonly List<string> _order = [];
    private readonly Dictionary<string, (double Sum, int Count)> _totals = new(StringComparer.Ordinal);

    public void Add(string category, double value)
    {
        if (!_totals.TryGetValue(category, out var total))
        {
            _order.Add(category);
            total = (0, 0);
        }
        _totals[category] = (total.Sum + value, total.Count + 1);
    }

    public IReadOnlyList<CategoryMean> Categories =>
        _order.Select(name => new CategoryMean(name, _totals[name].Count, 100 * _totals[name].Sum / _totals[name].Count)).ToList();

    public double UnweightedPercent => RequireValues().Average(category => category.Percent);

    public double WeightedPercent
    {
        get
        {
            RequireValues();
            return 100 * _totals.Values.Sum(total => total.Sum) / _totals.Values.Sum(total => total.Count);
        }
    }

    /// <summary>PS rows for one perceptual function and layer: each category, then <c>mean</c> and <c>weighted_mean</c>.</summary>
    public IReadOnlyList<ScoreRow> ToPerceptualScoreRows(string function, string layer)
    {
        var categories = RequireValues();
        return
        [
            .. categories.Select(category => new ScoreRow(PerceptualScoreMetric, function, layer, category.Name, category.Percent)),
            new ScoreRow(PerceptualScoreMetric, function, layer, MeanCategory, UnweightedPercent),
            new ScoreRow(PerceptualScoreMetric, function, layer, WeightedMeanCategory, WeightedPercent),
        ];
    }

    private IReadOnlyList<CategoryMean> RequireValues() =>
        _order.Count > 0 ? Categories : throw new InvalidOperationException("No values were added, so there is no mean.");
}
