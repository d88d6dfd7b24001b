namespace Sweeps.Scoring.Tests;

public class TwoAfcScoresTests
{
    [Theory]
    [InlineData(0.2, 0.5, 0.0, 0.3)] // everybody chose p0: p1 is far
    [InlineData(0.2, 0.5, 1.0, -0.3)] // everybody chose p1: p0 is far, and the distance disagrees
    public void Unanimous_triplets_give_the_far_minus_near_margin(double d0, double d1, double judge, double expected)
    {
        Assert.Equal(expected, DistortionSensitivity.Margin(d0, d1, judge)!.Value, 12);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.6)]
    public void Split_judgements_have_no_margin(double judge)
    {
        Assert.Null(DistortionSensitivity.Margin(0.1, 0.2, judge));
    }

    [Fact]
    public void Rows_hold_agreement_then_sensitivity_over_unanimous_triplets_only()
    {
        var scores = new TwoAfcScores();
        // cnn: agreements 1, 1 (judge 1, p1 closer), 0.5 (tie); unanimous margins 0.4 - 0.1 = 0.3 (judge 0, p1 far) and 0.2 - 0.1 = 0.1 (judge 1, p0 far).
        scores.Add("cnn", [0.1, 0.2, 0.4], [0.4, 0.1, 0.4], [0f, 1f, 0.4f]);
        // color: agreement 0.75 (p0 closer, judge 0.25), not unanimous, so no margin.
        scores.Add("color", [0.1], [0.3], [0.25f]);

        var rows = scores.ToRows("lpips", "stage2");

        Assert.Equal(
            [("ps", "cnn"), ("ps", "color"), ("ps", "mean"), ("ps", "weighted_mean"),
             ("sensitivity", "cnn"), ("sensitivity", "mean"), ("sensitivity", "weighted_mean")],
            rows.Select(r => (r.Metric, r.Category!)));
        double[] expected = [250.0 / 3, 75, (250.0 / 3 + 75) / 2, 100 * 3.25 / 4, 0.2, 0.2, 0.2];
        Assert.Equal(expected.Select(v => Math.Round(v, 9)), rows.Select(r => Math.Round(r.Value, 9)));
    }

    [Fact]
    public void No_unanimous_triplet_gives_no_sensitivity_rows()
    {
        var scores = new TwoAfcScores();
        scores.Add("cnn", [0.1], [0.2], [0.4f]);

        Assert.All(scores.ToRows("style", "ensemble"), row => Assert.Equal("ps", row.Metric));
    }

    [Fact]
    public void Mismatched_lengths_name_the_category()
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoAfcScores().Add("deblur", [0.1], [0.2, 0.3], [0f]));

        Assert.Contains("deblur", error.Message);
    }
}
