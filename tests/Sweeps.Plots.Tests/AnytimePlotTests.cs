using System.Xml.Linq;
using ScottPlot;
using SkiaSharp;

namespace Sweeps.Plots.Tests;

public class AnytimePlotTests
{
    private static readonly AnytimeSeries FullSweep =
        new("full sweep (no rule)", [new(33.3, 73), new(66.7, 73), new(100, 73)], "100% compute, best 73.00");

    private static readonly AnytimeSeries[] Rules =
    [
        new("peak.yaml (peak)", [new(16.7, 50), new(50, 61), new(75, 65)], "75.00% compute, gap 8.00"),
        new("hyperband.yaml (hyperband)", [new(33.3, 73), new(41.7, 73), new(45, 73)], "45.00% compute, gap 0.00"),
    ];

    [Fact]
    public void Each_rule_and_the_full_sweep_are_step_lines_with_their_ends_marked_and_labelled()
    {
        var plot = AnytimePlot.Create(Rules, FullSweep, "Anytime", "Best PS so far");

        var lines = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(["full sweep (no rule)", "peak.yaml (peak)", "hyperband.yaml (hyperband)"], lines.Select(line => line.LegendText));
        Assert.All(lines, line => Assert.Equal(ConnectStyle.StepHorizontal, line.ConnectStyle));
        Assert.Equal(FullSweep.Points, lines[0].Data.GetScatterPoints());
        Assert.Equal(LinePattern.Dashed, lines[0].LinePattern);
        Assert.Equal([FigureStyle.ReferenceColor, FigureStyle.ColorOf(0), FigureStyle.ColorOf(1)], lines.Select(line => line.Color));
        Assert.Equal([new Coordinates(100, 73), new Coordinates(75, 65), new Coordinates(45, 73)],
            plot.GetPlottables<ScottPlot.Plottables.Marker>().Select(marker => marker.Location));
        var labels = plot.Axes.GetPanels().OfType<ReferenceLabels>().Single();
        Assert.Equal(["100% compute, best 73.00", "75.00% compute, gap 8.00", "45.00% compute, gap 0.00"], labels.Texts);
        // Two ends at the same height get labels apart, each level with or near its end.
        using var rendered = plot.GetImage(1000, 700);
        var boxes = labels.LastBoxes;
        // Both start at the same left, so they are apart when apart vertically.
        Assert.True(boxes[0].Bottom <= boxes[2].Top || boxes[2].Bottom <= boxes[0].Top, $"{boxes[0]} overlaps {boxes[2]}");
        float top = plot.GetPixel(new Coordinates(0, 73)).Y;
        Assert.True(Math.Abs(boxes[0].VerticalCenter - top) < boxes[0].Height && Math.Abs(boxes[2].VerticalCenter - top) < boxes[2].Height, $"{boxes[0]}, {boxes[2]}");
        Assert.Equal(plot.GetPixel(new Coordinates(0, 65)).Y, boxes[1].VerticalCenter, 0.5);
        // The x axis runs from no compute to all of it, whatever the first trial cost.
        var limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Left);
        Assert.True(limits.Right >= 100 && limits.Bottom < 50 && limits.Top > 73, limits.ToString());
        Assert.Equal(AnytimePlot.ComputeAxisTitle, plot.Axes.Bottom.Label.Text);
    }

    [Fact]
    public void The_figure_is_written_as_a_png_with_its_title_and_a_standalone_svg_with_the_font()
    {
        using var temp = new TempFolder();
        string png = temp.File("replay/anytime.png"), svg = temp.File("replay/anytime.svg");
        var plot = AnytimePlot.Create(Rules, FullSweep, "Replay of three: best ps found against compute", "Best PS so far");

        FigureStyle.SavePng(plot, png, 1000, 700);
        FigureStyle.SaveSvg(plot, svg, 1000, 700);

        using var image = SKBitmap.Decode(png);
        Assert.Equal((1000, 700), (image.Width, image.Height));
        int dark = 0;
        for (int y = 0; y < 40; y++)
            for (int x = 0; x < image.Width; x++)
                if (image.GetPixel(x, y) is var c && c.Red < 100 && c.Green < 100 && c.Blue < 100) dark++;
        Assert.True(dark > 150, $"only {dark} dark pixels in the title band");
        var document = XDocument.Parse(File.ReadAllText(svg));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Contains(document.Descendants(ns + "text"), text => text.Value.Trim() == "75.00% compute, gap 8.00");
        Assert.Contains("@font-face { font-family: 'DejaVu Sans'; src: url(data:font/ttf;base64,", Assert.Single(document.Descendants(ns + "style")).Value);
    }

    [Fact]
    public void A_figure_without_rules_or_with_an_empty_line_is_refused()
    {
        Assert.Throws<ArgumentException>(() => AnytimePlot.Create([], FullSweep, "t", "y"));
        Assert.Throws<ArgumentException>(() => AnytimePlot.Create([new("empty.yaml (peak)", [], "")], FullSweep, "t", "y"));
    }
}
