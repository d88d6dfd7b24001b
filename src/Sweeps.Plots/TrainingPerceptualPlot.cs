using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// Perceptual Score over training: PS of every checkpoint against the epochs trained, one coloured
/// line per trial, the final checkpoint drawn larger. Where a trial's PS peaks before its accuracy
/// does, this is where it shows.
/// </summary>
public static class TrainingPerceptualPlot
{
    public const string EpochAxisTitle = "Epochs trained";

    public static void Save(IReadOnlyList<PlotPoint> points, string title, string pngPath, int width = 1000, int height = 700) =>
        SeriesChart.Save(Create(points, title), pngPath, width, height);

    public static Plot Create(IReadOnlyList<PlotPoint> points, string title) =>
        SeriesChart.Create(PlotPoint.ByTrial(points, point => new Coordinates(point.Epoch, point.Ps)),
            title, EpochAxisTitle, AccuracyPerceptualPlot.PerceptualAxisTitle, emphasiseLast: true);
}
