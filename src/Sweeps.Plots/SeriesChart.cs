using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// The look every figure shares: one coloured line per trial through its points in the given order
/// (series in first-seen order), optionally its last point drawn larger, the legend outside on the
/// right so it hides no point, and the embedded font on every text element.
/// </summary>
internal static class SeriesChart
{
    private const float MarkerSize = 7;
    private const float FinalMarkerSize = 16;

    public static Plot Create(IReadOnlyList<(string Name, Coordinates[] Points)> series, string title, string xLabel, string yLabel, bool emphasiseLast)
    {
        if (series.Count == 0) throw new ArgumentException("There are no checkpoints to plot.", nameof(series));
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var ((name, points), index) in series.Select((line, index) => (line, index)))
        {
            var color = palette.GetColor(index);
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
            line.LegendText = name;
            line.MarkerSize = MarkerSize;
            if (emphasiseLast)
                plot.Add.Marker(points[^1].X, points[^1].Y, MarkerShape.FilledCircle, FinalMarkerSize, color);
        }
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Margins(horizontal: 0.08, vertical: 0.12);
        plot.ShowLegend(Edge.Right);
        UseEmbeddedFont(plot);
        return plot;
    }

    /// <summary>Renders <paramref name="plot"/> to a PNG of <paramref name="width"/> x <paramref name="height"/> pixels, creating its folder.</summary>
    public static void Save(Plot plot, string pngPath, int width, int height)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(pngPath, width, height);
    }

    private static void UseEmbeddedFont(Plot plot)
    {
        EmbeddedFont.Register();
        plot.Font.Set(EmbeddedFont.Name);
        plot.Axes.Title.Label.FontName = EmbeddedFont.Name;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = EmbeddedFont.Name;
            axis.TickLabelStyle.FontName = EmbeddedFont.Name;
        }
        plot.Legend.FontName = EmbeddedFont.Name;
    }
}
