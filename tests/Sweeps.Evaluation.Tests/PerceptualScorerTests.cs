using Sweeps.Data;
using Sweeps.Scoring;
using static TorchSharp.torch;

namespace Sweeps.Evaluation.Tests;

public class PerceptualScorerTests : TorchTest
{
    private readonly TwoAfcSet _set = TinyTwoAfc.Create();
    private static readonly IReadOnlyList<PerceptualFunction> AllFunctions = PerceptualFunction.All;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Distances_match_the_plain_arithmetic_per_layer_and_sum_in_the_ensemble(int batchSize)
    {
        using var model = new ChannelMixNet();
        var category = _set.Categories[0];

        var distances = PerceptualScorer.Distances(model, category, [PerceptualFunction.Lpips], [], batchSize, CPU);

        Assert.Equal(["mixed", "pooled", "ensemble"], distances.Select(d => d.Layer));
        for (int i = 0; i < category.Count; i++)
        {
            Assert.Equal(ChannelMixReference.MixedDistance(category.Reference, category.P0, i, TinyTwoAfc.Size), distances[0].Pairs[0][i], 5);
            Assert.Equal(ChannelMixReference.MixedDistance(category.Reference, category.P1, i, TinyTwoAfc.Size), distances[0].Pairs[1][i], 5);
            Assert.Equal(ChannelMixReference.PooledDistance(category.Reference, category.P0, i, TinyTwoAfc.Size), distances[1].Pairs[0][i], 5);
            Assert.Equal(ChannelMixReference.PooledDistance(category.Reference, category.P1, i, TinyTwoAfc.Size), distances[1].Pairs[1][i], 5);
            Assert.Equal(distances[0].Pairs[0][i] + distances[1].Pairs[0][i], distances[2].Pairs[0][i], 12);
            Assert.Equal(distances[0].Pairs[1][i] + distances[1].Pairs[1][i], distances[2].Pairs[1][i], 12);
        }
    }

    [Fact]
    public void Every_function_comes_from_one_forward_pass_per_image()
    {
        using var model = new ChannelMixNet();
        var category = _set.Categories[0];

        var distances = PerceptualScorer.Distances(model, category, AllFunctions, ["mixed"], 2, CPU);

        Assert.Equal(3 * category.Count, model.ImagesSeen);
        Assert.Equal([("lpips", "mixed"), ("lpips", "ensemble"), ("meanpool", "mixed"), ("meanpool", "ensemble"), ("style", "mixed"), ("style", "ensemble")],
            distances.Select(d => (d.Function, d.Layer)));
        for (int i = 0; i < category.Count; i++)
        {
            Assert.Equal(ChannelMixReference.MixedMeanpoolDistance(category.Reference, category.P0, i, TinyTwoAfc.Size), distances[2].Pairs[0][i], 5);
            Assert.Equal(ChannelMixReference.MixedMeanpoolDistance(category.Reference, category.P1, i, TinyTwoAfc.Size), distances[2].Pairs[1][i], 5);
            Assert.Equal(ChannelMixReference.MixedStyleDistance(category.Reference, category.P0, i, TinyTwoAfc.Size), distances[4].Pairs[0][i], 5);
            Assert.Equal(ChannelMixReference.MixedStyleDistance(category.Reference, category.P1, i, TinyTwoAfc.Size), distances[4].Pairs[1][i], 5);
        }
    }

    [Fact]
    public void Scores_every_layer_and_the_ensemble_against_independent_agreements()
    {
        using var model = new ChannelMixNet();

        var rows = PerceptualScorer.Score(model, _set, [], 2, CPU).Where(r => r.Metric == "ps").ToList();

        var expected = new[] { "mixed", "pooled", "ensemble" }.SelectMany(ExpectedRows).ToList();
        Assert.Equal(expected.Select(r => (r.Metric, r.Function, r.Layer, r.Category)), rows.Select(r => (r.Metric, r.Function, r.Layer, r.Category)));
        Assert.Equal(expected.Select(r => Math.Round(r.Value, 9)), rows.Select(r => Math.Round(r.Value, 9)));
    }

    [Fact]
    public void Sensitivity_averages_the_margin_over_unanimous_triplets()
    {
        using var model = new ChannelMixNet();

        var rows = PerceptualScorer.Score(model, _set, ["mixed"], 2, CPU).Where(r => r.Metric == "sensitivity" && r.Layer == "mixed").ToList();

        // Only beta's first triplet is unanimous (judge 1: p1 chosen, so p0 is far).
        var beta = _set.Categories[1];
        double margin = ChannelMixReference.MixedDistance(beta.Reference, beta.P0, 0, TinyTwoAfc.Size)
                        - ChannelMixReference.MixedDistance(beta.Reference, beta.P1, 0, TinyTwoAfc.Size);
        Assert.Equal(["beta", "mean", "weighted_mean"], rows.Select(r => r.Category));
        Assert.All(rows, row => Assert.Equal(margin, row.Value, 5));
    }

    [Fact]
    public void A_tie_scores_half_whatever_the_judge()
    {
        using var model = new ChannelMixNet();
        var alpha = _set.Categories[0];

        var distances = PerceptualScorer.Distances(model, alpha, AllFunctions, [], 3, CPU);

        // Triplet 2 of alpha has p1 identical to p0 (see TinyTwoAfc), judged 0.6.
        Assert.All(distances, layer => Assert.Equal(layer.Pairs[0][2], layer.Pairs[1][2]));
        Assert.Equal(0.5, TwoAfc.Agreement(distances[2].Pairs[0][2], distances[2].Pairs[1][2], alpha.Judges[2]));
    }

    [Fact]
    public void A_layer_subset_makes_the_ensemble_that_layer()
    {
        using var model = new ChannelMixNet();

        var rows = PerceptualScorer.Score(model, _set, ["pooled"], 4, CPU).Where(r => r.Metric == "ps").ToList();

        Assert.Equal(["pooled", "ensemble"], rows.Select(r => r.Layer).Distinct());
        Assert.Equal(rows.Where(r => r.Layer == "pooled").Select(r => r.Value), rows.Where(r => r.Layer == "ensemble").Select(r => r.Value));
        Assert.Equal(ExpectedRows("pooled").Select(r => Math.Round(r.Value, 9)), rows.Where(r => r.Layer == "pooled").Select(r => Math.Round(r.Value, 9)));
    }

    [Fact]
    public void Unknown_layer_is_refused_with_the_models_layers()
    {
        using var model = new ChannelMixNet();

        var error = Assert.Throws<ArgumentException>(() => PerceptualScorer.Score(model, _set, ["stage3"], 4, CPU));

        Assert.Contains("mixed, pooled", error.Message);
    }

    /// <summary>The PS rows of one layer, from the plain-arithmetic distances and hand-written averaging.</summary>
    private IEnumerable<ScoreRow> ExpectedRows(string layer)
    {
        var categoryPercents = _set.Categories.Select(category =>
        {
            var agreements = Enumerable.Range(0, category.Count).Select(i =>
            {
                double d0 = ReferenceDistance(layer, category.Reference, category.P0, i);
                double d1 = ReferenceDistance(layer, category.Reference, category.P1, i);
                double judge = category.Judges[i];
                if (Math.Abs(d0 - d1) < 1e-12) return 0.5;
                Assert.True(Math.Abs(d0 - d1) > 1e-4, $"{category.Name} triplet {i} is too close to a tie for float32 to decide.");
                return d0 < d1 ? 1 - judge : judge;
            }).ToList();
            return (category.Name, Percent: 100 * agreements.Average(), Sum: agreements.Sum(), category.Count);
        }).ToList();

        foreach (var (name, percent, _, _) in categoryPercents)
            yield return new ScoreRow("ps", "lpips", layer, name, percent);
        yield return new ScoreRow("ps", "lpips", layer, "mean", categoryPercents.Average(c => c.Percent));
        yield return new ScoreRow("ps", "lpips", layer, "weighted_mean", 100 * categoryPercents.Sum(c => c.Sum) / categoryPercents.Sum(c => c.Count));
    }

    private static double ReferenceDistance(string layer, byte[] reference, byte[] other, int index) => layer switch
    {
        "mixed" => ChannelMixReference.MixedDistance(reference, other, index, TinyTwoAfc.Size),
        "pooled" => ChannelMixReference.PooledDistance(reference, other, index, TinyTwoAfc.Size),
        _ => ChannelMixReference.MixedDistance(reference, other, index, TinyTwoAfc.Size)
             + ChannelMixReference.PooledDistance(reference, other, index, TinyTwoAfc.Size),
    };
}
