using Sweeps.Spec;

namespace Sweeps.EarlyStopping.Tests;

public class StoppingRulesTests
{
    private static IStoppingRule RuleOf(string yaml)
    {
        var sweep = SweepFile.Parse(yaml, "rule.yaml");
        return StoppingRules.Create(sweep.EarlyTerminate!, sweep.Metric);
    }

    [Fact]
    public void Each_early_terminate_type_becomes_its_rule()
    {
        var hyperband = RuleOf("name: h\nmetric: { name: ps, goal: maximize }\nearly_terminate: { type: hyperband, max_iter: 27, s: 2 }\n");
        var peak = RuleOf("name: p\nearly_terminate: { type: peak, metric: ps, patience: 2, learned_peak: { margin: 1 } }\n");
        var median = RuleOf("name: m\nmetric: { name: loss }\nearly_terminate: { type: median }\n");

        Assert.Equal([3, 9], Assert.IsType<HyperbandRule>(hyperband).BandsReachedWith(27));
        Assert.IsType<PeakRule>(peak);
        Assert.IsType<MedianRule>(median);
    }

    [Fact]
    public void The_rules_take_the_sweeps_metric_and_goal()
    {
        // metric loss without a goal minimises (W&B's default): a best loss of 1.7 is above the median 1.5.
        var median = RuleOf("name: m\nmetric: { name: loss }\nearly_terminate: { type: median, n_startup_trials: 1 }\n");
        var completed = new StudySnapshot([Histories.Trial(0, TrialStatus.Completed, "loss", 2.0, 1.5)]);

        Assert.Equal("median at checkpoint 1: best loss 1.7 above the median 1.5 of 1 completed trials",
            median.Decide(Histories.Trial(1, TrialStatus.Running, "loss", 2.1, 1.7), completed)?.Reason);
    }

    [Fact]
    public void Hyperband_and_median_without_a_sweep_metric_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => StoppingRules.Create(new MedianEarlyTerminate(5, 0, 1), metric: null));

        Assert.StartsWith("early_terminate type median compares trials by the sweep's metric", error.Message);
    }
}
