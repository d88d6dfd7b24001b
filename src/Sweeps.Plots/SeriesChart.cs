using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// One coloured line per trial through its points in the given order (series in first-seen order), with
/// each trial's best checkpoint drawn as a larger marker of its colour, in <see cref="FigureStyle"/>'s look.
/// </summary>
internal static class SeriesChart
{
    public const float MarkerSize = 7;
    public const float BestMarkerSize = 16;

    /// <summary>The legend entry that explains the larger markers.</summary>
    public const string BestLegend = "large marker: the trial's best checkpoint";

    /// <param name="series">Each line's points and the index of its best point (null: none marked).</param>
    public static Plot Create(IReadOnlyList<(string Name, Coordinates[] Points, int? Best)> series, string title, string xLabel, string yLabel)
    {
        if (series.Count == 0) throw new ArgumentException("There are no checkpoints to plot.", nameof(series));
        var plot = new Plot();
        bool explained = false;
        foreach (var ((name, points, best), index) in series.Select((line, index) => (line, index)))
        {
            var color = FigureStyle.ColorOf(index);
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), color);
            line.LegendText = series.Count <= FigureStyle.MaxNamedSeries ? name : "";
            line.MarkerSize = MarkerSize;
            line.MarkerShape = FigureStyle.ShapeOf(index);
            if (best is int at)
            {
                plot.Add.Marker(points[at].X, points[at].Y, MarkerShape.FilledCircle, BestMarkerSize, color);
                // A black ring tells the best checkpoints apart from the line's markers; the first explains them in the legend.
                var ring = plot.Add.Marker(points[at].X, points[at].Y, MarkerShape.OpenCircle, BestMarkerSize, Colors.Black);
                if (!explained) ring.LegendText = BestLegend;
                explained = true;
            }
        }
        plot.Axes.Margins(horizontal: 0.08, vertical: 0.12);
        FigureStyle.Apply(plot, title, xLabel, yLabel);
        return plot;
    }
}
