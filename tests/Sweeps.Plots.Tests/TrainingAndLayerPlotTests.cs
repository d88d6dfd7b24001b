using ScottPlot;
using SkiaSharp;

namespace Sweeps.Plots.Tests;

public class TrainingAndLayerPlotTests
{
    private static readonly IReadOnlyList<LayerPoint> Layers =
    [
        new(SamplePoints.Narrow, "stage1", 70.5),
        new(SamplePoints.Narrow, "stage2", 71.0),
        new(SamplePoints.Wide, "stage2", 69.0),
        new(SamplePoints.Narrow, "ensemble", 72.0),
        new(SamplePoints.Wide, "stage1", 68.0),
        new(SamplePoints.Wide, "ensemble", 69.5),
    ];

    [Fact]
    public void Training_plot_draws_PS_against_epochs_in_epoch_order_with_the_best_checkpoint_emphasised_and_whole_epoch_ticks()
    {
        var plot = TrainingPerceptualPlot.Create(SamplePoints.TwoTrials(), "t");

        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal([new Coordinates(1, 68.9), new Coordinates(2, 69.4), new Coordinates(3, 69.1)], lines[0].Data.GetScatterPoints());
        Assert.Equal([new Coordinates(1, 68.1), new Coordinates(2, 67.8), new Coordinates(3, 67.3)], lines[1].Data.GetScatterPoints());
        Assert.Equal([new Coordinates(2, 69.4), new Coordinates(2, 69.4), new Coordinates(1, 68.1), new Coordinates(1, 68.1)],
            plot.GetPlottables<ScottPlot.Plottables.Marker>().Select(m => m.Location));
        using var rendered = plot.GetImage(1000, 700); // ticks exist once the axis is laid out
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).Select(tick => tick.Position).ToList();
        Assert.NotEmpty(ticks);
        Assert.All(ticks, position => Assert.Equal(Math.Round(position), position));
        Assert.Equal((TrainingPerceptualPlot.EpochAxisTitle, AccuracyPerceptualPlot.PerceptualAxisTitle), (plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text));
    }

    [Fact]
    public void Layer_plot_places_layers_in_first_seen_order_and_names_them_on_the_x_axis()
    {
        var plot = LayerPerceptualPlot.Create(Layers, "l");

        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal([SamplePoints.Narrow, SamplePoints.Wide], lines.Select(line => line.LegendText));
        Assert.Equal([new Coordinates(0, 70.5), new Coordinates(1, 71.0), new Coordinates(2, 72.0)], lines[0].Data.GetScatterPoints());
        Assert.Equal([new Coordinates(0, 68.0), new Coordinates(1, 69.0), new Coordinates(2, 69.5)], lines[1].Data.GetScatterPoints());
        Assert.Empty(plot.GetPlottables<ScottPlot.Plottables.Marker>());
        using var rendered = plot.GetImage(1000, 700); // ticks exist once the axis is laid out
        var ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(tick => tick.IsMajor).ToList();
        Assert.Equal([(0.0, "stage1"), (1.0, "stage2"), (2.0, "ensemble")], ticks.Select(tick => (tick.Position, tick.Label)));
        Assert.Equal(AccuracyPerceptualPlot.FontName, plot.Axes.Bottom.TickLabelStyle.FontName);
    }

    [Fact]
    public void A_figure_of_more_trials_than_the_legend_names_is_still_drawn()
    {
        using var temp = new TempFolder();
        var trials = FigureStyle.MaxNamedSeries + 1;
        var points = Enumerable.Range(0, trials).SelectMany(trial => new LayerPoint[] { new($"t{trial}", "stage1", 60 + trial), new($"t{trial}", "ensemble", 61 + trial) }).ToList();
        var plot = LayerPerceptualPlot.Create(points, "Twenty-five trials");
        var path = temp.File("many.png");

        FigureStyle.SavePng(plot, path, 1000, 700);

        using var image = SKBitmap.Decode(path);
        int dark = 0, coloured = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var c = image.GetPixel(x, y);
                if (y < 40 && c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
                if (Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80) coloured++;
            }
        Assert.True(dark > 150, $"only {dark} dark pixels in the title band");
        Assert.True(coloured > 1000, $"only {coloured} coloured pixels: the lines are missing");
        // No trial is named, so there is no legend.
        Assert.DoesNotContain(plot.Axes.GetPanels(), panel => panel is ScottPlot.Panels.LegendPanel);
    }

    [Fact]
    public void Both_save_pngs_of_the_requested_size_and_refuse_an_empty_input()
    {
        using var temp = new TempFolder();
        string training = temp.File("a/training.png"), layers = temp.File("b/layers.png");

        TrainingPerceptualPlot.Save(SamplePoints.TwoTrials(), "t", training, 800, 500);
        LayerPerceptualPlot.Save(Layers, "l", layers, 800, 500);

        using var trainingImage = SKBitmap.Decode(training);
        using var layerImage = SKBitmap.Decode(layers);
        Assert.Equal((800, 500), (trainingImage.Width, trainingImage.Height));
        Assert.Equal((800, 500), (layerImage.Width, layerImage.Height));
        Assert.Throws<ArgumentException>(() => TrainingPerceptualPlot.Save([], "t", temp.File("empty1.png")));
        Assert.Throws<ArgumentException>(() => LayerPerceptualPlot.Save([], "l", temp.File("empty2.png")));
    }
}
