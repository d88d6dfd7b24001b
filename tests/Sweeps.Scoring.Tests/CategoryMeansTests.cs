namespace Sweeps.Scoring.Tests;

public class CategoryMeansTests
{
    [Fact]
    public void Summarises_categories_in_first_seen_order()
    {
        var means = new CategoryMeans();
        means.Add("cnn", 1.0);
        means.Add("traditional", 0.2);
        means.Add("cnn", 0.5);

        Assert.Equal(
            [new CategoryMean("cnn", 2, 75.0), new CategoryMean("traditional", 1, 20.0)],
            means.Categories);
        Assert.Equal((75.0 + 20.0) / 2, means.UnweightedMean, 12);
        Assert.Equal(100 * 1.7 / 3, means.WeightedMean, 12);
    }

    [Fact]
    public void Perceptual_score_rows_list_categories_then_both_means()
    {
        var means = new CategoryMeans();
        means.Add("color", 0.6);
        means.Add("deblur", 0.0);
        means.Add("deblur", 0.4);
        means.Add("deblur", 0.8);

        var rows = means.ToPerceptualScoreRows("lpips", "stage3");

        Assert.Equal(["color", "deblur", "mean", "weighted_mean"], rows.Select(r => r.Category));
        Assert.All(rows, r => Assert.Equal(("ps", "lpips", "stage3"), (r.Metric, r.Function, r.Layer)));
        Assert.Equal([60.0, 40.0, 50.0, 45.0], rows.Select(r => Math.Round(r.Value, 9)));
    }

    [Fact]
    public void Scale_one_keeps_values_in_their_own_units()
    {
        var means = new CategoryMeans(scale: 1);
        means.Add("cnn", 0.25);
        means.Add("cnn", 0.75);
        means.Add("color", 2.0);

        var rows = means.ToRows("sensitivity", "meanpool", "ensemble");

        Assert.Equal([0.5, 2.0, 1.25, 1.0], rows.Select(r => Math.Round(r.Value, 12)));
        Assert.All(rows, r => Assert.Equal("sensitivity", r.Metric));
    }

    [Fact]
    public void Empty_summary_is_refused()
    {
        var means = new CategoryMeans();

        Assert.True(means.IsEmpty);
        Assert.Empty(means.Categories);
        Assert.Throws<InvalidOperationException>(() => means.UnweightedMean);
        Assert.Throws<InvalidOperationException>(() => means.ToPerceptualScoreRows("lpips", "ensemble"));
    }
}
