using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// The study's central figure: Perceptual Score against top-1 accuracy, one coloured line per trial
/// through its checkpoints in epoch order, the final checkpoint drawn larger.
/// </summary>
public static class AccuracyPerceptualPlot
{
    public const string AccuracyAxisTitle = "Top-1 accuracy (%)";
    public const string PerceptualAxisTitle = "Perceptual Score (2AFC %)";
    /// <summary>The font every text element uses: DejaVu Sans, shipped inside this assembly.</summary>
    public const string FontName = EmbeddedFont.Name;
    private const float MarkerSize = 7;
    private const float FinalMarkerSize = 16;

    /// <summary>Renders the plot to a PNG of <paramref name="width"/> x <paramref name="height"/> pixels, creating its folder.</summary>
    public static void Save(IReadOnlyList<PlotPoint> points, string title, string pngPath, int width = 1000, int height = 700)
    {
        var plot = Create(points, title);
        var folder = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(pngPath, width, height);
    }

    /// <summary>The plot itself, for callers that render it elsewhere. Series keep their first-seen order.</summary>
    public static Plot Create(IReadOnlyList<PlotPoint> points, string title)
    {
        if (points.Count == 0) throw new ArgumentException("There are no checkpoints to plot.", nameof(points));
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var (series, index) in points.GroupBy(point => point.Series).Select((series, index) => (series, index)))
            AddSeries(plot, series.Key, series.OrderBy(point => point.Epoch).ToArray(), palette.GetColor(index));

        plot.Title(title);
        plot.XLabel(AccuracyAxisTitle);
        plot.YLabel(PerceptualAxisTitle);
        // Room round the data for the enlarged final markers; the legend outside, so it hides no point.
        plot.Axes.Margins(horizontal: 0.08, vertical: 0.12);
        plot.ShowLegend(Edge.Right);
        UseEmbeddedFont(plot);
        return plot;
    }

    private static void AddSeries(Plot plot, string name, PlotPoint[] byEpoch, Color color)
    {
        var line = plot.Add.Scatter(byEpoch.Select(p => p.Top1).ToArray(), byEpoch.Select(p => p.Ps).ToArray(), color);
        line.LegendText = name;
        line.MarkerSize = MarkerSize;
        var final = byEpoch[^1];
        plot.Add.Marker(final.Top1, final.Ps, MarkerShape.FilledCircle, FinalMarkerSize, color);
    }

    private static void UseEmbeddedFont(Plot plot)
    {
        EmbeddedFont.Register();
        plot.Font.Set(FontName);
        plot.Axes.Title.Label.FontName = FontName;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = FontName;
            axis.TickLabelStyle.FontName = FontName;
        }
        plot.Legend.FontName = FontName;
    }
}
