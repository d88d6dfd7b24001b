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

    /// <summary>Renders the plot to a PNG of <paramref name="width"/> x <paramref name="height"/> pixels, creating its folder.</summary>
    public static void Save(IReadOnlyList<PlotPoint> points, string title, string pngPath, int width = 1000, int height = 700) =>
        SeriesChart.Save(Create(points, title), pngPath, width, height);

    /// <summary>The plot itself, for callers that render it elsewhere. Series keep their first-seen order.</summary>
    public static Plot Create(IReadOnlyList<PlotPoint> points, string title) =>
        SeriesChart.Create(PlotPoint.ByTrial(points, point => new Coordinates(point.Top1, point.Ps)),
            title, AccuracyAxisTitle, PerceptualAxisTitle, emphasiseLast: true);
}
