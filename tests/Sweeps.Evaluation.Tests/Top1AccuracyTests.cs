using Sweeps.Data;
using static TorchSharp.torch;

namespace Sweeps.Evaluation.Tests;

public class Top1AccuracyTests : TorchTest
{
    // Solid 2x2 images; ChannelMixNet predicts the brightest channel: 0, 1, 2, 0, 2.
    private static readonly (byte R, byte G, byte B)[] Colours = [(200, 10, 10), (10, 200, 10), (10, 10, 200), (100, 50, 0), (0, 60, 90)];

    private static LabelledImages SolidImages(int[] labels)
    {
        const int size = 2;
        var pixels = Colours.SelectMany(c => new[] { c.R, c.G, c.B }.SelectMany(value => Enumerable.Repeat(value, size * size))).ToArray();
        return new LabelledImages(pixels, labels, size, 3, "solid colours");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(64)]
    public void Counts_images_whose_top_logit_is_the_label(int batchSize)
    {
        using var model = new ChannelMixNet();

        // Right at 0, 1 and 3; wrong at 2 (predicts 2, label 0) and 4 (predicts 2, label 1).
        double accuracy = Top1Accuracy.Measure(model, SolidImages([0, 1, 0, 0, 1]), batchSize, CPU);

        Assert.Equal(60.0, accuracy, 10);
    }

    [Fact]
    public void All_right_is_one_hundred_percent()
    {
        using var model = new ChannelMixNet();

        Assert.Equal(100.0, Top1Accuracy.Measure(model, SolidImages([0, 1, 2, 0, 2]), 3, CPU), 10);
    }
}
