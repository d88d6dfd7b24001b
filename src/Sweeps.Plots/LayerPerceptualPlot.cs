using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// PS of named parts of one checkpoint per trial, one coloured line per trial across the parts in
/// first-seen order (placed at 0, 1, 2 ... and named on the x axis): the extraction points and the
/// ensemble (<see cref="LayerAxisTitle"/>), the BAPPS categories, or the perceptual functions.
/// </summary>
public static class LayerPerceptualPlot
{
    public const string LayerAxisTitle = "Layer (extraction point)";

    public static void Save(IReadOnlyList<LayerPoint> points, string title, string pngPath, int width = 1000, int height = 700) =>
        FigureStyle.SavePng(Create(points, title), pngPath, width, height);

    public static Plot Create(IReadOnlyList<LayerPoint> points, string title, string axisTitle = LayerAxisTitle)
    {
        var layers = points.Select(point => point.Layer).Distinct().ToList();
        var series = points.GroupBy(point => point.Series)
            .Select(trial => (trial.Key, trial.OrderBy(point => layers.IndexOf(point.Layer))
                .Select(point => new Coordinates(layers.IndexOf(point.Layer), point.Ps)).ToArray(), (int?)null))
            .ToList();
        var plot = SeriesChart.Create(series, title, axisTitle, AccuracyPerceptualPlot.PerceptualAxisTitle);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, layers.Count).Select(index => (double)index).ToArray(), layers.ToArray());
        return plot;
    }
}
