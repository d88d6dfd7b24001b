using Sweeps.Spec;
using static Sweeps.EarlyStopping.Tests.Histories;

namespace Sweeps.EarlyStopping.Tests;

public class MedianRuleTests
{
    private static readonly SweepMetric Ps = new(CheckpointMetrics.Ps, MetricGoal.Maximize);

    private static readonly TrialHistory[] Completed =
    [
        Trial(0, TrialStatus.Completed, "ps", 50, 60, 70),
        Trial(1, TrialStatus.Completed, "ps", 40, 50, 60),
        Trial(2, TrialStatus.Completed, "ps", 30, 40, 50),
    ];

    private static MedianRule Rule(int startup, int warmup, int interval) => new(new MedianEarlyTerminate(startup, warmup, interval), Ps);

    [Fact]
    public void Best_so_far_below_the_completed_trials_median_at_the_same_checkpoint_stops_after_warmup()
    {
        var behind = Trial(3, TrialStatus.Running, "ps", 35, 45);

        // Checkpoint 0: 35 is below the median 40, but warmup lasts until checkpoint 1.
        Assert.Null(Rule(startup: 2, warmup: 1, interval: 1).Decide(behind.FirstCheckpoints(1), Study(Completed)));
        Assert.NotNull(Rule(startup: 2, warmup: 0, interval: 1).Decide(behind.FirstCheckpoints(1), Study(Completed)));
        Assert.Equal(new StopDecision("median at checkpoint 1: best ps 45.0 below the median 50.0 of 3 completed trials", 1, 2000),
            Rule(startup: 2, warmup: 1, interval: 1).Decide(behind, Study(Completed)));
    }

    [Fact]
    public void Startup_counts_completed_trials_only()
    {
        var behind = Trial(3, TrialStatus.Running, "ps", 35, 45);
        var stoppedAndRunning = Study(Completed[0], Completed[1], Trial(2, TrialStatus.Stopped, "ps", 30, 40), Trial(4, TrialStatus.Running, "ps", 90, 90));

        Assert.Null(Rule(startup: 3, warmup: 0, interval: 1).Decide(behind, stoppedAndRunning));
        // Two completed trials: the median of 60 and 50 is 55.
        Assert.Equal("median at checkpoint 1: best ps 45.0 below the median 55.0 of 2 completed trials",
            Rule(startup: 2, warmup: 0, interval: 1).Decide(behind, stoppedAndRunning)?.Reason);
    }

    [Fact]
    public void Only_every_interval_th_checkpoint_after_warmup_is_judged()
    {
        var behind = Trial(3, TrialStatus.Running, "ps", 20, 30, 40);
        var rule = Rule(startup: 1, warmup: 0, interval: 2);

        Assert.NotNull(rule.Decide(behind.FirstCheckpoints(1), Study(Completed)));
        Assert.Null(rule.Decide(behind.FirstCheckpoints(2), Study(Completed)));
        Assert.NotNull(rule.Decide(behind, Study(Completed)));
    }

    [Fact]
    public void A_trial_that_peaked_and_declined_is_judged_by_its_best_and_kept()
    {
        var peaked = Trial(3, TrialStatus.Running, "ps", 35, 65, 45);

        // Checkpoint 2: 45 is below the median 60, but the best so far, 65, is not.
        Assert.Null(Rule(startup: 1, warmup: 0, interval: 1).Decide(peaked, Study(Completed)));
    }

    [Fact]
    public void Minimize_stops_a_best_loss_above_the_median_which_averages_an_even_count()
    {
        var rule = new MedianRule(new MedianEarlyTerminate(1, 0, 1), new SweepMetric(CheckpointMetrics.Loss, MetricGoal.Minimize));
        var completed = Study(Trial(0, TrialStatus.Completed, "loss", 2.0, 1.5, 1.2), Trial(1, TrialStatus.Completed, "loss", 2.2, 1.8, 1.5));

        Assert.Equal("median at checkpoint 1: best loss 1.7 above the median 1.65 of 2 completed trials",
            rule.Decide(Trial(2, TrialStatus.Running, "loss", 2.3, 1.7), completed)?.Reason);
        Assert.Null(rule.Decide(Trial(2, TrialStatus.Running, "loss", 2.3, 1.6), completed));
    }
}
