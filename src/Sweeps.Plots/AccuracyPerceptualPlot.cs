using System.Globalization;
using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// The study's central figure: Perceptual Score against top-1 accuracy, one coloured line per trial
/// through its checkpoints in epoch order, each trial's best checkpoint drawn larger; optionally with
/// the study's overlays (a fitted inverted U with its peak, reference lines, the Pareto front).
/// </summary>
public static class AccuracyPerceptualPlot
{
    public const string AccuracyAxisTitle = "Top-1 accuracy (%)";
    public const string PerceptualAxisTitle = "Perceptual Score (2AFC %)";
    /// <summary>The font every text element uses: DejaVu Sans, shipped inside this assembly.</summary>
    public const string FontName = EmbeddedFont.Name;

    /// <summary>Renders the plot to a PNG of <paramref name="width"/> x <paramref name="height"/> pixels, creating its folder.</summary>
    public static void Save(IReadOnlyList<PlotPoint> points, string title, string pngPath, int width = 1000, int height = 700) =>
        FigureStyle.SavePng(Create(points, title), pngPath, width, height);

    /// <summary>The plot itself, for callers that render it elsewhere. Series keep their first-seen order.</summary>
    public static Plot Create(IReadOnlyList<PlotPoint> points, string title, AccuracyOverlays? overlays = null)
    {
        var plot = SeriesChart.Create(PlotPoint.ByTrial(points, point => new Coordinates(point.Top1, point.Ps)),
            title, AccuracyAxisTitle, PerceptualAxisTitle);
        if (overlays is not null) Draw(plot, overlays);
        return plot;
    }

    private static void Draw(Plot plot, AccuracyOverlays overlays)
    {
        foreach (var reference in overlays.References)
        {
            var line = plot.Add.HorizontalLine(reference.Ps, 1.5f, FigureStyle.ReferenceColor, LinePattern.Dashed);
            line.LegendText = "";
        }
        if (overlays.ParetoFront.Count > 0)
        {
            var front = plot.Add.Scatter(overlays.ParetoFront.Select(p => p.X).ToArray(), overlays.ParetoFront.Select(p => p.Y).ToArray(), Colors.Black);
            front.ConnectStyle = ConnectStyle.StepVertical;
            front.LinePattern = LinePattern.Dotted;
            front.MarkerSize = 0;
            front.LegendText = "Pareto front (top-1, PS)";
        }
        if (overlays.Fit is { } fit)
        {
            const int Samples = 100;
            var xs = Enumerable.Range(0, Samples + 1).Select(i => fit.From + (fit.To - fit.From) * i / Samples).ToArray();
            var curve = plot.Add.Scatter(xs, xs.Select(fit.At).ToArray(), Colors.Black);
            curve.MarkerSize = 0;
            curve.LineWidth = 2;
            curve.LinePattern = LinePattern.Dashed;
            curve.LegendText = fit.Name;
            if (fit.PeakTop1 is double peak)
            {
                var marker = plot.Add.Marker(peak, fit.At(peak), MarkerShape.Cross, 18, Colors.Black);
                marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"fitted peak: top-1 {peak:0.0} %, PS {fit.At(peak):0.00} %");
            }
        }
        // Axis lines take no part in autoscaling: widen the PS axis so that every reference line shows.
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        if (overlays.References.Count > 0)
        {
            double bottom = Math.Min(limits.Bottom, overlays.References.Min(r => r.Ps));
            double top = Math.Max(limits.Top, overlays.References.Max(r => r.Ps));
            double pad = 0.05 * (top - bottom);
            plot.Axes.SetLimitsY(Math.Min(limits.Bottom, bottom - pad), Math.Max(limits.Top, top + pad));
        }
        // Each line is named right of the axes, level with its end where the other names leave room.
        if (overlays.References.Count > 0) plot.Axes.AddPanel(new ReferenceLabels(overlays.References));
        FigureStyle.ShowLegendWhenNamed(plot);
    }
}

/// <summary>What the report draws over the top-1/PS points; any part may be empty.</summary>
public sealed record AccuracyOverlays(QuadraticCurve? Fit, IReadOnlyList<ReferenceLine> References, IReadOnlyList<Coordinates> ParetoFront);

/// <summary>A labelled horizontal line at a PS that depends on no model (human ceiling, pixel baselines).</summary>
public sealed record ReferenceLine(string Label, double Ps);

/// <summary>PS = A·top1² + B·top1 + C over top-1 in [<paramref name="From"/>, <paramref name="To"/>], named in the legend.</summary>
public sealed record QuadraticCurve(string Name, double A, double B, double C, double From, double To)
{
    public double At(double top1) => (A * top1 + B) * top1 + C;

    /// <summary>The top-1 of the vertex of an inverted U (A &lt; 0) inside the fitted range; null otherwise.</summary>
    public double? PeakTop1 => A < 0 && -B / (2 * A) is var peak && peak >= From && peak <= To ? peak : null;
}
