using ScottPlot;
using SkiaSharp;

namespace Sweeps.Plots.Tests;

public class ReferenceLabelTests
{
    /// <summary>Three baselines within 0.3 points of each other (a few pixels apart on a 1000 x 700 figure, where a
    /// label is about 13 pixels tall) and a human ceiling far above them.</summary>
    private static readonly AccuracyOverlays CloseReferences = new(null,
        [new ReferenceLine("pixel l2", 77.0), new ReferenceLine("human ceiling", 85.0), new ReferenceLine("pixel ssim", 77.3), new ReferenceLine("pixel l2_lab", 77.2)],
        []);

    [Fact]
    public void Labels_of_lines_closer_than_a_label_height_do_not_overlap_and_stay_in_the_figure()
    {
        var plot = AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), "t", CloseReferences);
        var labels = plot.Axes.GetPanels().OfType<ReferenceLabels>().Single();

        using var image = plot.GetImage(1000, 700);

        var boxes = labels.LastBoxes;
        Assert.Equal(4, boxes.Count);
        float lineGap = Math.Abs(plot.GetPixel(new Coordinates(0, 77.0)).Y - plot.GetPixel(new Coordinates(0, 77.2)).Y);
        Assert.True(lineGap < boxes[0].Height, $"the lines are {lineGap} px apart, no closer than a label ({boxes[0].Height} px)");
        for (int i = 0; i < boxes.Count; i++)
        {
            Assert.True(boxes[i].Height > 8 && boxes[i].Width > 30, $"label {i} measures {boxes[i]}");
            Assert.True(boxes[i].Left >= plot.LastRender.DataRect.Right && boxes[i].Right <= 1000 && boxes[i].Top >= 0 && boxes[i].Bottom <= 700,
                $"label {i} at {boxes[i]} leaves the figure or covers the axes");
            for (int j = i + 1; j < boxes.Count; j++)
                Assert.False(Intersect(boxes[i], boxes[j]), $"'{labels.Texts[i]}' at {boxes[i]} overlaps '{labels.Texts[j]}' at {boxes[j]}");
        }
        // In the order of their lines, top to bottom, and the far one level with its line.
        Assert.Equal(["human ceiling 85.0", "pixel ssim 77.3", "pixel l2_lab 77.2", "pixel l2 77.0"],
            Enumerable.Range(0, 4).OrderBy(i => boxes[i].VerticalCenter).Select(i => labels.Texts[i]));
        Assert.Equal(plot.GetPixel(new Coordinates(0, 85.0)).Y, boxes[1].VerticalCenter, 0.5);
    }

    [Fact]
    public void The_labels_are_drawn_right_of_the_axes()
    {
        using var temp = new TempFolder();
        string shown = temp.File("shown.png"), hidden = temp.File("hidden.png");
        AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), "t", CloseReferences).SavePng(shown, 1000, 700);
        var plot = AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), "t", CloseReferences);
        plot.Axes.GetPanels().OfType<ReferenceLabels>().Single().Style.ForeColor = Colors.Transparent;
        plot.SavePng(hidden, 1000, 700);

        var difference = PixelDifference.Between(shown, hidden);

        // Grey 11-point text: fewer fully dark pixels than the black titles have, none at all when nothing is drawn.
        Assert.True(difference.DarkOnlyInFirst > 50, $"only {difference.DarkOnlyInFirst} dark text pixels");
        Assert.True(new SKRectI((int)plot.LastRender.DataRect.Right, 0, 1000, 640).Contains(difference.Bounds), $"labels drawn at {difference.Bounds}");
    }

    [Fact]
    public void Spreading_keeps_order_moves_labels_no_further_than_needed_and_keeps_them_inside()
    {
        // Apart already: unchanged. Three on one spot: a block centred there. Against the bottom: pushed up.
        Assert.Equal([100f, 200f], ReferenceLabels.Spread([100, 200], 14, 0, 500));
        Assert.Equal([286f, 300f, 314f], ReferenceLabels.Spread([300, 300, 300], 14, 0, 500));
        Assert.Equal([293f, 307f], ReferenceLabels.Spread([305, 295], 14, 0, 500).Reverse());
        Assert.Equal([479f, 493f], ReferenceLabels.Spread([498, 499], 14, 0, 500));
        Assert.Equal([7f, 21f], ReferenceLabels.Spread([0, 1], 14, 0, 500));
    }

    private static bool Intersect(PixelRect a, PixelRect b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
