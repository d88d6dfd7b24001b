using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// Anytime curves of early-stopping rules replayed over one sweep: the best metric found so far against the
/// compute used so far, as the trials run in order. One step line per rule and the full sweep as a dashed
/// reference; each line's end is marked, and labelled in its colour right of the axes (e.g. with its compute and its
/// gap to the full sweep's best; labels at the same height are spread apart), so what a rule saves and what it loses
/// read off at a glance.
/// </summary>
public static class AnytimePlot
{
    public const string ComputeAxisTitle = "Compute used (training images, % of the full sweep)";
    public const float EndMarkerSize = 12;

    /// <param name="rules">One line per rule, in legend order.</param>
    /// <param name="reference">The full sweep, drawn dashed in grey.</param>
    public static Plot Create(IReadOnlyList<AnytimeSeries> rules, AnytimeSeries reference, string title, string yLabel)
    {
        if (rules.Count == 0) throw new ArgumentException("There are no replayed rules to plot.", nameof(rules));
        if (rules.Append(reference).FirstOrDefault(line => line.Points.Count == 0) is { } empty)
            throw new ArgumentException($"'{empty.Name}' has no points.", nameof(rules));
        var plot = new Plot();
        var lines = rules.Select((rule, index) => (Series: rule, Color: FigureStyle.ColorOf(index), Pattern: LinePattern.Solid, End: FigureStyle.ShapeOf(index)))
            .Prepend((Series: reference, Color: FigureStyle.ReferenceColor, Pattern: LinePattern.Dashed, End: MarkerShape.FilledSquare))
            .ToList();
        // Lines before markers, the dashed one first: ScottPlot leaves a line's dash on the paint for a marker drawn
        // right after it, which Skia's SVG canvas cannot draw (it prints "Unsupported path effect in addPaint").
        foreach (var line in lines)
            AddLine(plot, line.Series, line.Color, line.Pattern);
        plot.Axes.AddPanel(new ReferenceLabels(lines.Select(line => AddEnd(plot, line.Series, line.Color, line.End)).ToList()));
        // From no compute to all of it, whatever the first trial cost; room on the right for the full sweep's end marker.
        var values = rules.Append(reference).SelectMany(line => line.Points).Select(p => p.Y).ToList();
        double low = values.Min(), high = values.Max(), pad = Math.Max(high - low, Math.Abs(high) * 0.01 + 1e-9) * 0.15;
        plot.Axes.SetLimits(0, 103, low - pad, high + pad);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(10);
        FigureStyle.Apply(plot, title, ComputeAxisTitle, yLabel);
        return plot;
    }

    private static void AddLine(Plot plot, AnytimeSeries series, Color color, LinePattern pattern)
    {
        var line = plot.Add.Scatter(series.Points.Select(p => p.X).ToArray(), series.Points.Select(p => p.Y).ToArray(), color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LinePattern = pattern;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LegendText = series.Name;
    }

    /// <summary>Marks the line's end and returns its label.</summary>
    private static MarginLabel AddEnd(Plot plot, AnytimeSeries series, Color color, MarkerShape shape)
    {
        var end = series.Points[^1];
        plot.Add.Marker(end.X, end.Y, shape, EndMarkerSize, color);
        // Darker than the line: the palette's light colours are faint as thin text on white.
        return new MarginLabel(series.EndLabel, end.Y, color == FigureStyle.ReferenceColor ? color : color.Darken(0.3));
    }
}

/// <summary>One line of <see cref="AnytimePlot"/>: x the compute used so far (%), y the best found so far, one
/// point per trial in the order they ran, and the text beside its end.</summary>
public sealed record AnytimeSeries(string Name, IReadOnlyList<Coordinates> Points, string EndLabel);
