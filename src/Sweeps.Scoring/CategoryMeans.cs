namespace Sweeps.Scoring;

/// <summary>
/// Accumulates per-item values (2AFC agreements, human ceilings, sensitivity margins, ...) by category
/// and summarises them: per category, the unweighted mean over categories (each category counts
/// once) and the mean weighted by item count, all multiplied by <paramref name="scale"/> (100 turns
/// fractions into percentages). Categories keep the order they first appear in.
/// </summary>
public sealed class CategoryMeans(double scale = 100)
{
    public const string MeanCategory = "mean";
    public const string WeightedMeanCategory = "weighted_mean";

    private readonly List<string> _order = [];
    private readonly Dictionary<string, (double Sum, int Count)> _totals = new(StringComparer.Ordinal);

    public bool IsEmpty => _order.Count == 0;

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
        _order.Select(name => new CategoryMean(name, _totals[name].Count, scale * _totals[name].Sum / _totals[name].Count)).ToList();

    public double UnweightedMean => RequireValues().Average(category => category.Mean);

    public double WeightedMean
    {
        get
        {
            RequireValues();
            return scale * _totals.Values.Sum(total => total.Sum) / _totals.Values.Sum(total => total.Count);
        }
    }

    /// <summary>Rows of one metric, function and layer: each category, then <c>mean</c> and <c>weighted_mean</c>.</summary>
    public IReadOnlyList<ScoreRow> ToRows(string metric, string? function, string? layer)
    {
        var categories = RequireValues();
        return
        [
            .. categories.Select(category => new ScoreRow(metric, function, layer, category.Name, category.Mean)),
            new ScoreRow(metric, function, layer, MeanCategory, UnweightedMean),
            new ScoreRow(metric, function, layer, WeightedMeanCategory, WeightedMean),
        ];
    }

    /// <summary>PS rows for one perceptual function and layer.</summary>
    public IReadOnlyList<ScoreRow> ToPerceptualScoreRows(string function, string? layer) =>
        ToRows(ScoreMetrics.PerceptualScore, function, layer);

    private IReadOnlyList<CategoryMean> RequireValues() =>
        _order.Count > 0 ? Categories : throw new InvalidOperationException("No values were added, so there is no mean.");
}
