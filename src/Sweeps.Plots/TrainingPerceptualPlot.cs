using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// Perceptual Score over training: PS of every checkpoint against the epochs trained (ticks on whole
/// epochs), one coloured line per trial, each trial's best checkpoint drawn larger. Where a trial's PS
/// peaks before its accuracy does, this is where it shows.
/// </summary>
public static class TrainingPerceptualPlot
{
    public const string EpochAxisTitle = "Epochs trained";

    public static void Save(IReadOnlyList<PlotPoint> points, string title, string pngPath, int width = 1000, int height = 700) =>
        FigureStyle.SavePng(Create(points, title), pngPath, width, height);

    public static Plot Create(IReadOnlyList<PlotPoint> points, string title)
    {
        var plot = SeriesChart.Create(PlotPoint.ByTrial(points, point => new Coordinates(point.Epoch, point.Ps)),
            title, EpochAxisTitle, AccuracyPerceptualPlot.PerceptualAxisTitle);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }
}
