namespace Sweeps.Scoring.Tests;

public class JndScoresTests
{
    [Fact]
    public void Rows_hold_each_category_and_the_unweighted_mean_as_percent()
    {
        var scores = new JndScores();
        scores.Add("traditional", [0.1, 0.4, 0.2, 0.3], [1f, 0f, 0.5f, 0.2f]);
        scores.Add("cnn", [0.1, 0.2, 0.8, 0.9], [1f, 1f, 0f, 0f]);

        var rows = scores.ToRows("lpips", "ensemble");

        Assert.Equal(["traditional", "cnn", "mean"], rows.Select(r => r.Category));
        Assert.All(rows, r => Assert.Equal(("jnd_map", "lpips", "ensemble"), (r.Metric, r.Function, r.Layer)));
        // 0.5f and 0.2f are not exact in float, hence 6 digits.
        Assert.Equal(100 * 893.0 / 1020, rows[0].Value, 5);
        Assert.Equal(100.0, rows[1].Value, 9);
        Assert.Equal((100 * 893.0 / 1020 + 100) / 2, rows[2].Value, 5);
    }

    [Fact]
    public void A_category_without_same_pairs_is_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => new JndScores().Add("cnn", [0.1], [0f]));

        Assert.Contains("cnn", error.Message);
    }
}
