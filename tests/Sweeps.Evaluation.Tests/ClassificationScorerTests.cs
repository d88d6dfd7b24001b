using Sweeps.Data;
using static TorchSharp.torch;

namespace Sweeps.Evaluation.Tests;

public class ClassificationScorerTests : TorchTest
{
    // 1x1 images: red, black, green, green. FixedLinearNet's logits (r, g, b, 0.5, -r, -g):
    private static readonly double[] RedLogits = [1, 0, 0, 0.5, -1, 0]; // top-1 class 0; class 4 alone is last
    private static readonly double[] BlackLogits = [0, 0, 0, 0.5, 0, 0]; // top-1 class 3
    private static readonly double[] GreenLogits = [0, 1, 0, 0.5, 0, -1]; // top-1 class 1; class 5 alone is last

    // Labels 3, 3, 5, 1: top-1 right for black and the second green; top-5 right except for the first green.
    private static LabelledImages Images() => new([255, 0, 0, 0, 0, 0, 0, 255, 0, 0, 255, 0], [3, 3, 5, 1], 1, 6, "four colours");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public void Top1_top5_and_loss_match_the_hand_computation(int batchSize)
    {
        using var model = new FixedLinearNet();

        var scores = ClassificationScorer.Measure(model, Images(), batchSize, CPU);

        double expectedLoss = (CrossEntropy(RedLogits, 3) + CrossEntropy(BlackLogits, 3) + CrossEntropy(GreenLogits, 5) + CrossEntropy(GreenLogits, 1)) / 4;
        Assert.Equal(50.0, scores.Top1, 10);
        Assert.Equal(75.0, scores.Top5, 10);
        Assert.Equal(expectedLoss, scores.Loss, 6);
    }

    [Fact]
    public void Rows_are_named_top1_top5_loss()
    {
        var rows = new ClassificationScores(50, 75, 1.25).ToRows();

        Assert.Equal([("top1", 50.0), ("top5", 75.0), ("loss", 1.25)], rows.Select(r => (r.Metric, r.Value)));
        Assert.All(rows, r => Assert.Null(r.Function));
    }

    [Fact]
    public void Fewer_than_five_classes_make_top5_count_every_class()
    {
        using var model = new ChannelMixNet();
        var images = new LabelledImages([10, 20, 30], [0], 1, 3, "one image");

        Assert.Equal(100.0, ClassificationScorer.Measure(model, images, 8, CPU).Top5, 10);
    }

    /// <summary>-log softmax(logits)[label], written out: log(sum exp) - logit.</summary>
    private static double CrossEntropy(double[] logits, int label) => Math.Log(logits.Sum(Math.Exp)) - logits[label];
}
