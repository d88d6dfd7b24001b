namespace Sweeps.Scoring;

/// <summary>JND mAP of one distance (function and layer) per JND category and their unweighted mean, x100.</summary>
public sealed class JndScores
{
    private readonly List<(string Category, double Precision)> _categories = [];

    public void Add(string category, IReadOnlyList<double> distances, IReadOnlyList<float> same)
    {
        try
        {
            _categories.Add((category, JndAveragePrecision.Compute(distances, same.Select(s => (double)s).ToList())));
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"JND category {category}: {error.Message}", error);
        }
    }

    public IReadOnlyList<ScoreRow> ToRows(string function, string? layer)
    {
        if (_categories.Count == 0) throw new InvalidOperationException("No JND category was added, so there is no mAP.");
        return
        [
            .. _categories.Select(c => new ScoreRow(ScoreMetrics.JndMeanAveragePrecision, function, layer, c.Category, 100 * c.Precision)),
            new ScoreRow(ScoreMetrics.JndMeanAveragePrecision, function, layer, CategoryMeans.MeanCategory, 100 * _categories.Average(c => c.Precision)),
        ];
    }
}
