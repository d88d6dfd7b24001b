using Sweeps.Spec;
using static Sweeps.EarlyStopping.Tests.Histories;

namespace Sweeps.EarlyStopping.Tests;

public class SweepReplayTests
{
    private static readonly SweepMetric Ps = new(CheckpointMetrics.Ps, MetricGoal.Maximize);

    [Fact]
    public void Peak_rule_replay_sums_the_images_each_trial_would_have_trained()
    {
        var rule = new PeakRule(new PeakEarlyTerminate("ps", Patience: 1, MinDelta: 0, LearnedPeak: null));
        TrialHistory[] trials =
        [
            // No gain at checkpoint 2: stops there, 300 of 400 images, its best 65 kept.
            Trial(0, TrialStatus.Completed, "ps", 60, 65, 63, 62),
            // Its only fall is at the last checkpoint, where a stop saves nothing: runs in full.
            Trial(1, TrialStatus.Completed, "ps", 55, 58, 61, 60),
            // Dips at checkpoint 1 and stops there (200 images), missing its later 73.
            Trial(2, TrialStatus.Completed, "ps", 50, 49, 72, 73),
        ];

        var replay = SweepReplay.Run(trials, rule, Ps);

        Assert.Equal([2, null, 1], replay.Trials.Select(t => t.StopCheckpoint));
        Assert.Equal([(300L, 400L), (400L, 400L), (200L, 400L)], replay.Trials.Select(t => (t.ImagesTrained, t.ImagesInFull)));
        Assert.Equal([(65.0, 65.0), (61.0, 61.0), (50.0, 73.0)], replay.Trials.Select(t => (t.BestUnderRule, t.BestInFull)));
        Assert.Equal((900L, 1200L, 0.75), (replay.ImagesTrained, replay.ImagesInFull, replay.ComputeFraction));
        Assert.Equal((65.0, 73.0), (replay.BestUnderRule, replay.BestInFull));
        Assert.Equal(1, replay.Trials[0].Decision?.BestCheckpoint);
    }

    [Fact]
    public void Each_trial_sees_only_the_trials_before_it_as_they_ended_under_the_rule()
    {
        var rule = new MedianRule(new MedianEarlyTerminate(NStartupTrials: 1, NWarmupSteps: 0, IntervalSteps: 1), Ps);
        TrialHistory[] trials =
        [
            // Nothing has completed before it: runs in full (300 images).
            Trial(0, TrialStatus.Completed, "ps", 50, 60, 70),
            // 40 is below trial 0's 50 at checkpoint 0: stopped there (100).
            Trial(1, TrialStatus.Completed, "ps", 40, 45, 50),
            // Trial 1 was stopped, so only trial 0 counts: 45 < 50 stops it at checkpoint 0 (100). Had
            // trial 1 counted as completed, the median (50 + 40) / 2 = 45 would have kept it.
            Trial(2, TrialStatus.Completed, "ps", 45, 55, 65),
        ];

        var replay = SweepReplay.Run(trials, rule, Ps);

        Assert.Equal([null, 0, 0], replay.Trials.Select(t => t.StopCheckpoint));
        Assert.Equal(500.0 / 900, replay.ComputeFraction, precision: 12);
        Assert.Equal((70.0, 70.0), (replay.BestUnderRule, replay.BestInFull));
        Assert.Equal("median at checkpoint 0: best ps 45.0 below the median 50.0 of 1 completed trials", replay.Trials[2].Decision?.Reason);
    }

    [Theory]
    // Trial 0 dips at checkpoint 1 and stops there (200 of 400 images), keeping 50 of its 73; trial 1 falls only at
    // its last checkpoint and runs in full (400), best 61; trial 2 stops after its peak at checkpoint 2 (300), best 65.
    [InlineData(CheckpointMetrics.Ps, MetricGoal.Maximize, new[] { 50.0, 49, 72, 73 }, new[] { 55.0, 58, 61, 60 }, new[] { 60.0, 65, 63, 62 },
        new[] { 50.0, 61, 65 }, new[] { 73.0, 73, 73 })]
    // The same histories as losses, 10 - ps / 10: better low, so the best so far falls.
    [InlineData(CheckpointMetrics.Loss, MetricGoal.Minimize, new[] { 5.0, 5.1, 2.8, 2.7 }, new[] { 4.5, 4.2, 3.9, 4.0 }, new[] { 4.0, 3.5, 3.7, 3.8 },
        new[] { 5.0, 3.9, 3.5 }, new[] { 2.7, 2.7, 2.7 })]
    public void The_anytime_curves_step_through_each_trial_in_ran_order_and_end_at_the_totals(
        string metric, MetricGoal goal, double[] first, double[] second, double[] third, double[] bestUnderRule, double[] bestInFull)
    {
        var rule = new PeakRule(new PeakEarlyTerminate(metric, Patience: 1, MinDelta: 0, LearnedPeak: null));
        TrialHistory[] trials = [Trial(0, TrialStatus.Completed, metric, first), Trial(1, TrialStatus.Completed, metric, second), Trial(2, TrialStatus.Completed, metric, third)];

        var replay = SweepReplay.Run(trials, rule, new SweepMetric(metric, goal));

        Assert.Equal([1, null, 2], replay.Trials.Select(t => t.StopCheckpoint));
        // 200, then 200 + 400, then 600 + 300 of the full sweep's 1200 images.
        Assert.Equal([(200L, 200.0 / 1200), (600L, 0.5), (900L, 0.75)], replay.UnderRule.Select(p => (p.Images, p.ComputeFraction)));
        Assert.Equal(bestUnderRule, replay.UnderRule.Select(p => p.Best));
        Assert.Equal([(400L, 400.0 / 1200), (800L, 800.0 / 1200), (1200L, 1.0)], replay.InFull.Select(p => (p.Images, p.ComputeFraction)));
        Assert.Equal(bestInFull, replay.InFull.Select(p => p.Best));
        // The totals the table prints are the curves' ends.
        Assert.Equal((900L, 0.75, bestUnderRule[^1]), (replay.ImagesTrained, replay.ComputeFraction, replay.BestUnderRule));
        Assert.Equal((1200L, bestInFull[^1]), (replay.ImagesInFull, replay.BestInFull));
        Assert.Equal(Math.Abs(bestInFull[^1] - bestUnderRule[^1]), replay.Gap, precision: 12);
    }
}
