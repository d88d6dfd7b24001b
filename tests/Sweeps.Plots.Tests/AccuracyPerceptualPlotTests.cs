using ScottPlot;
using SkiaSharp;

namespace Sweeps.Plots.Tests;

public class AccuracyPerceptualPlotTests
{
    private const string Title = "Accuracy versus perceptual score";

    [Fact]
    public void Saves_a_png_of_the_requested_size_creating_its_folder()
    {
        using var temp = new TempFolder();
        string small = temp.File("nested/small.png"), standard = temp.File("standard.png");

        AccuracyPerceptualPlot.Save(SamplePoints.TwoTrials(), Title, small, 640, 480);
        AccuracyPerceptualPlot.Save(SamplePoints.TwoTrials(), Title, standard);

        using var smallImage = SKBitmap.Decode(small);
        using var standardImage = SKBitmap.Decode(standard);
        Assert.Equal((640, 480), (smallImage.Width, smallImage.Height));
        Assert.Equal((1000, 700), (standardImage.Width, standardImage.Height));
    }

    [Fact]
    public void Each_series_is_a_legend_entry_with_its_own_colour()
    {
        var plot = AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), Title);

        Assert.Equal([SamplePoints.Narrow, "large marker: the trial's best checkpoint", SamplePoints.Wide], plot.Legend.GetItems().Select(item => item.LabelText));
        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.NotEqual(lines[0].Color, lines[1].Color);
    }

    [Fact]
    public void Points_are_joined_in_epoch_order_and_each_trials_best_checkpoint_is_emphasised()
    {
        var plot = AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), Title);

        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal([new Coordinates(18.5, 68.9), new Coordinates(31.0, 69.4), new Coordinates(38.2, 69.1)], lines[0].Data.GetScatterPoints());
        Assert.Equal([new Coordinates(24.0, 68.1), new Coordinates(41.5, 67.8), new Coordinates(52.0, 67.3)], lines[1].Data.GetScatterPoints());
        var best = plot.GetPlottables<ScottPlot.Plottables.Marker>().Where(marker => marker.MarkerShape == MarkerShape.FilledCircle).ToList();
        var rings = plot.GetPlottables<ScottPlot.Plottables.Marker>().Where(marker => marker.MarkerShape == MarkerShape.OpenCircle).ToList();
        Assert.Equal([new Coordinates(31.0, 69.4), new Coordinates(24.0, 68.1)], best.Select(marker => marker.Location));
        Assert.Equal(best.Select(marker => marker.Location), rings.Select(marker => marker.Location));
        Assert.Equal(lines.Select(line => line.Color), best.Select(marker => marker.Color));
        Assert.All(best, marker => Assert.True(marker.Size > 2 * lines[0].MarkerSize));
        // The first ring explains the larger markers in the legend, once.
        Assert.Equal(["large marker: the trial's best checkpoint", null], rings.Select(ring => ring.LegendText is "" ? null : ring.LegendText));
    }

    [Fact]
    public void Overlays_draw_the_fit_with_its_peak_the_front_and_reference_lines_inside_the_axes()
    {
        var fit = new QuadraticCurve("fit", -0.01, 1.2, 40, 20, 80);
        var overlays = new AccuracyOverlays(fit, [new ReferenceLine("human ceiling", 85), new ReferenceLine("pixel l2", 60)],
            [new Coordinates(31.0, 69.4), new Coordinates(52.0, 67.3)]);

        var plot = AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), Title, overlays);

        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Bottom < 60 && limits.Top > 85, $"PS axis {limits.Bottom}..{limits.Top} hides a reference line");
        Assert.Equal([85.0, 60.0], plot.GetPlottables<ScottPlot.Plottables.HorizontalLine>().Select(line => line.Y));
        Assert.Equal(["human ceiling 85.0", "pixel l2 60.0"], plot.Axes.GetPanels().OfType<ReferenceLabels>().Single().Texts);
        var peak = plot.GetPlottables<ScottPlot.Plottables.Marker>().Single(marker => marker.MarkerShape == MarkerShape.Cross);
        Assert.Equal(new Coordinates(60, 76), peak.Location);
        Assert.Equal("fitted peak: top-1 60.0 %, PS 76.00 %", peak.LegendText);
        Assert.Contains(plot.Legend.GetItems(), item => item.LabelText == "Pareto front (top-1, PS)");
    }

    [Fact]
    public void Every_text_element_uses_the_embedded_font()
    {
        var plot = AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), Title);

        string[] fontNames =
        [
            plot.Axes.Title.Label.FontName, plot.Axes.Bottom.Label.FontName, plot.Axes.Left.Label.FontName,
            plot.Axes.Bottom.TickLabelStyle.FontName, plot.Axes.Left.TickLabelStyle.FontName, plot.Legend.FontName!,
        ];
        Assert.All(fontNames, name => Assert.Equal(AccuracyPerceptualPlot.FontName, name));
    }

    public static TheoryData<string> TextElements => ["title", "x axis title", "y axis title", "tick labels", "legend"];

    [Theory]
    [MemberData(nameof(TextElements))]
    public void Text_is_drawn_where_it_belongs(string element)
    {
        using var temp = new TempFolder();
        string shown = temp.File("shown.png"), hidden = temp.File("hidden.png");
        AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), Title).SavePng(shown, 1000, 700);
        var plot = AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), Title);
        // Transparent text keeps the layout, so only the text's own pixels may change.
        Hide(plot, element);
        plot.SavePng(hidden, 1000, 700);

        var difference = PixelDifference.Between(shown, hidden);

        Assert.True(difference.DarkOnlyInFirst > 150, $"{element}: only {difference.DarkOnlyInFirst} dark text pixels");
        Assert.True(ExpectedArea(element).Contains(difference.Bounds), $"{element}: text drawn at {difference.Bounds}");
    }

    [Fact]
    public void No_points_is_refused()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<ArgumentException>(() => AccuracyPerceptualPlot.Save([], Title, temp.File("empty.png")));

        Assert.Contains("no checkpoints", error.Message);
        Assert.False(File.Exists(temp.File("empty.png")));
    }

    private static void Hide(Plot plot, string element)
    {
        switch (element)
        {
            case "title": plot.Axes.Title.Label.ForeColor = Colors.Transparent; break;
            case "x axis title": plot.Axes.Bottom.Label.ForeColor = Colors.Transparent; break;
            case "y axis title": plot.Axes.Left.Label.ForeColor = Colors.Transparent; break;
            case "tick labels":
                plot.Axes.Bottom.TickLabelStyle.ForeColor = Colors.Transparent;
                plot.Axes.Left.TickLabelStyle.ForeColor = Colors.Transparent;
                break;
            case "legend": plot.Legend.FontColor = Colors.Transparent; break;
            default: throw new ArgumentOutOfRangeException(nameof(element), element, null);
        }
    }

    /// <summary>Where each element sits on a 1000 x 700 render (legend outside the data, below the axes).</summary>
    private static SKRectI ExpectedArea(string element) => element switch
    {
        "title" => new SKRectI(250, 0, 750, 40),
        "x axis title" => new SKRectI(250, 595, 750, 640),
        "y axis title" => new SKRectI(0, 150, 30, 550),
        "tick labels" => new SKRectI(0, 30, 1000, 610),
        "legend" => new SKRectI(100, 640, 900, 700),
        _ => throw new ArgumentOutOfRangeException(nameof(element), element, null),
    };
}
