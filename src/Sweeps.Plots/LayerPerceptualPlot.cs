using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// Per-layer Perceptual Score: for each trial's newest scored checkpoint, the PS of every extraction
/// point in network order (then the ensemble), one coloured line per trial. Layers are placed at
/// 0, 1, 2 ... in their first-seen order and named on the x axis.
/// </summary>
public static class LayerPerceptualPlot
{
    public const string LayerAxisTitle = "Layer";

    public static void Save(IReadOnlyList<LayerPoint> points, string title, string pngPath, int width = 1000, int height = 700) =>
        SeriesChart.Save(Create(points, title), pngPath, width, height);

    public static Plot Create(IReadOnlyList<LayerPoint> points, string title)
    {
        var layers = points.Select(point => point.Layer).Distinct().ToList();
        var series = points.GroupBy(point => point.Series)
            .Select(trial => (trial.Key, trial.OrderBy(point => layers.IndexOf(point.Layer))
                .Select(point => new Coordinates(layers.IndexOf(point.Layer), point.Ps)).ToArray()))
            .ToList();
        var plot = SeriesChart.Create(series, title, LayerAxisTitle, AccuracyPerceptualPlot.PerceptualAxisTitle, emphasiseLast: false);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, layers.Count).Select(index => (double)index).ToArray(), layers.ToArray());
        return plot;
    }
}
