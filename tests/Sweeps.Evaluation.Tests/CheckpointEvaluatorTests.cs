using Sweeps.Data;
using Sweeps.Scoring;
using static TorchSharp.torch;

namespace Sweeps.Evaluation.Tests;

public class CheckpointEvaluatorTests : TorchTest
{
    private readonly TwoAfcSet _twoAfc = TinyTwoAfc.Create();

    private static LabelledImages Val() => new(new byte[4 * 3 * 16], [0, 1, 2, 0], 4, 3, "grey images");

    /// <summary>Two JND categories: pair 0 identical (distance 0, called "same"), the rest random.</summary>
    private static IReadOnlyList<JndCategory> Jnd()
    {
        var random = new Random(5);
        JndCategory Category(string name)
        {
            var p0 = new byte[3 * 3 * 16];
            var p1 = new byte[3 * 3 * 16];
            random.NextBytes(p0);
            random.NextBytes(p1);
            Array.Copy(p0, p1, 3 * 16);
            return new JndCategory(name, p0, p1, [1f, 0f, 1f / 3], 4);
        }
        return [Category("traditional"), Category("cnn")];
    }

    [Fact]
    public void Returns_every_expected_row_name()
    {
        using var model = new ChannelMixNet();

        var rows = CheckpointEvaluator.Evaluate(model, Val(), _twoAfc, Jnd(), ScoreSelection.Everything with { Functions = ["lpips", "meanpool", "style"] }, 2, CPU);

        string[] functions = ["lpips", "meanpool", "style"], layers = ["mixed", "pooled", "ensemble"];
        var expected = new List<(string, string?, string?, string?)> { ("top1", null, null, null), ("top5", null, null, null), ("loss", null, null, null) };
        foreach (var function in functions)
            foreach (var layer in layers)
            {
                expected.AddRange(new[] { "alpha", "beta", "mean", "weighted_mean" }.Select(c => ("ps", (string?)function, (string?)layer, (string?)c)));
                expected.AddRange(new[] { "beta", "mean", "weighted_mean" }.Select(c => ("sensitivity", (string?)function, (string?)layer, (string?)c)));
            }
        foreach (var function in functions)
            foreach (var layer in layers)
                expected.AddRange(new[] { "traditional", "cnn", "mean" }.Select(c => ("jnd_map", (string?)function, (string?)layer, (string?)c)));
        Assert.Equal(expected, rows.Select(r => (r.Metric, r.Function, r.Layer, r.Category)));
    }

    [Fact]
    public void Ps_rows_equal_the_scorer_and_jnd_rows_the_average_precision_of_the_same_distances()
    {
        using var model = new ChannelMixNet();
        var jnd = Jnd();

        var rows = CheckpointEvaluator.Evaluate(model, null, _twoAfc, jnd, ScoreSelection.Everything, 4, CPU);

        Assert.Equal(PerceptualScorer.Score(model, _twoAfc, [], 4, CPU), rows.Where(r => r.Metric is "ps" or "sensitivity"));
        var traditional = jnd[0];
        var distances = Enumerable.Range(0, 3).Select(i => ChannelMixReference.MixedDistance(traditional.P0, traditional.P1, i, 4)).ToList();
        double expected = 100 * JndAveragePrecision.Compute(distances, traditional.Same.Select(s => (double)s).ToList());
        Assert.Equal(expected, rows.Single(r => r is { Metric: "jnd_map", Layer: "mixed", Category: "traditional" }).Value, 6);
        Assert.DoesNotContain(rows, r => r.Metric == "top1");
    }

    [Fact]
    public void The_category_selection_keeps_only_those_categories()
    {
        using var model = new ChannelMixNet();

        var rows = CheckpointEvaluator.Evaluate(model, null, _twoAfc, [], ScoreSelection.Everything with { Categories = ["beta"] }, 4, CPU);

        Assert.Equal(["beta", "mean", "weighted_mean"], rows.Where(r => r.Metric == "ps").Select(r => r.Category).Distinct());
        var error = Assert.Throws<ArgumentException>(() =>
            CheckpointEvaluator.Evaluate(model, null, _twoAfc, [], ScoreSelection.Everything with { Categories = ["gamma"] }, 4, CPU));
        Assert.Contains("alpha, beta", error.Message);
    }

    [Fact]
    public void Unknown_function_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => PerceptualFunction.Resolve(["lpips", "gram"]));

        Assert.Contains("lpips, meanpool, style", error.Message);
        Assert.Equal(["lpips"], PerceptualFunction.Resolve([]).Select(f => f.Name));
    }

    [Fact]
    public void The_benchmark_scores_the_requested_number_of_generated_triplets()
    {
        using var model = new ChannelMixNet();

        var result = ScoringBenchmark.Run(model, 10, ScoreSelection.Everything, 4, CPU, size: 8);

        // Warm-up: 4 triplets, then 10, three images each.
        Assert.Equal(10, result.Triplets);
        Assert.Equal(3 * (4 + 10), model.ImagesSeen);
        Assert.True(result.TripletsPerSecond > 0);
    }
}
