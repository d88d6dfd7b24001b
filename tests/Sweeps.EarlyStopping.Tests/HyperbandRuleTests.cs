using Sweeps.Spec;
using static Sweeps.EarlyStopping.Tests.Histories;

namespace Sweeps.EarlyStopping.Tests;

public class HyperbandRuleTests
{
    private static readonly SweepMetric Ps = new(CheckpointMetrics.Ps, MetricGoal.Maximize);
    private static readonly SweepMetric Loss = new(CheckpointMetrics.Loss, MetricGoal.Minimize);

    [Fact]
    public void Bands_follow_wandbs_documented_examples()
    {
        var fromMaxIter = new HyperbandRule(new HyperbandEarlyTerminate(null, MaxIter: 27, S: 2, Eta: 3, Strict: true), Ps);
        var fromMinIter = new HyperbandRule(new HyperbandEarlyTerminate(MinIter: 3, null, null, Eta: 3, Strict: true), Ps);
        // W&B's docstring example: max_iter 5, eta 2, s 2 -> int(2.5), int(1.25).
        var docstring = new HyperbandRule(new HyperbandEarlyTerminate(null, MaxIter: 5, S: 2, Eta: 2, Strict: true), Ps);
        // Dividing stops once a band would fall below 1: 27 / 81 < 1.
        var shortOfS = new HyperbandRule(new HyperbandEarlyTerminate(null, MaxIter: 27, S: 5, Eta: 3, Strict: true), Ps);

        Assert.Equal([3, 9], fromMaxIter.BandsReachedWith(100));
        Assert.Equal([3], fromMaxIter.BandsReachedWith(8));
        Assert.Empty(fromMaxIter.BandsReachedWith(2));
        Assert.Equal([3, 9, 27, 81], fromMinIter.BandsReachedWith(81));
        Assert.Equal([1, 2], docstring.BandsReachedWith(100));
        Assert.Equal([1, 3, 9], shortOfS.BandsReachedWith(100));
    }

    // Bands 2, 4 (min_iter 2, eta 2). At band 4 (checkpoint 3) the values are 64, 60, 53 and the
    // running trial's 52; best first, index floor(4 / 2) = 2 gives the threshold 53.
    private static readonly TrialHistory[] Finished =
    [
        Trial(0, TrialStatus.Completed, "ps", 50, 60, 62, 64),
        Trial(1, TrialStatus.Completed, "ps", 48, 55, 58, 60),
        Trial(2, TrialStatus.Completed, "ps", 45, 50, 52, 53),
    ];

    private static readonly TrialHistory PeakedAndDeclined = Trial(3, TrialStatus.Running, "ps", 47, 61, 59, 52);

    [Fact]
    public void Strict_stops_a_trial_that_peaked_and_declined_below_the_band_threshold_and_non_strict_keeps_it()
    {
        var strict = new HyperbandRule(new HyperbandEarlyTerminate(MinIter: 2, null, null, Eta: 2, Strict: true), Ps);
        var lenient = new HyperbandRule(new HyperbandEarlyTerminate(MinIter: 2, null, null, Eta: 2, Strict: false), Ps);
        var study = Study([.. Finished, PeakedAndDeclined]);

        var stop = strict.Decide(PeakedAndDeclined, study);

        Assert.Equal(new StopDecision("hyperband band 4: ps 52.0 below threshold 53.0 (the best 1/2 of 4 trials at checkpoint 3)", BestCheckpoint: 1, BestStep: 2000), stop);
        // Its best so far, 61, is above 53.
        Assert.Null(lenient.Decide(PeakedAndDeclined, study));
        // After three checkpoints it is judged at band 2 (checkpoint 1): 61 tops 60, 55, 50.
        Assert.Null(strict.Decide(PeakedAndDeclined.FirstCheckpoints(3), study));
    }

    [Fact]
    public void A_trial_below_the_threshold_stops_either_way_and_a_trial_alone_never_does()
    {
        var strict = new HyperbandRule(new HyperbandEarlyTerminate(MinIter: 2, null, null, Eta: 2, Strict: true), Ps);
        var lenient = new HyperbandRule(new HyperbandEarlyTerminate(MinIter: 2, null, null, Eta: 2, Strict: false), Ps);
        var weak = Trial(4, TrialStatus.Running, "ps", 40, 45);

        // Band 2: 60, 55, 50, 45 -> threshold at index 2 = 50.
        Assert.Equal("hyperband band 2: best ps 45.0 below threshold 50.0 (the best 1/2 of 4 trials at checkpoint 1)",
            lenient.Decide(weak, Study(Finished))?.Reason);
        Assert.NotNull(strict.Decide(weak, Study(Finished)));
        Assert.Null(strict.Decide(weak, Study()));
        Assert.Null(strict.Decide(weak.FirstCheckpoints(1), Study(Finished)));
    }

    [Fact]
    public void Minimize_flips_the_comparisons()
    {
        var strict = new HyperbandRule(new HyperbandEarlyTerminate(MinIter: 2, null, null, Eta: 2, Strict: true), Loss);
        var lenient = new HyperbandRule(new HyperbandEarlyTerminate(MinIter: 2, null, null, Eta: 2, Strict: false), Loss);
        var study = Study(
            Trial(0, TrialStatus.Completed, "loss", 2.0, 1.6, 1.5, 1.4),
            Trial(1, TrialStatus.Completed, "loss", 2.1, 1.8, 1.7, 1.6),
            Trial(2, TrialStatus.Completed, "loss", 2.2, 2.0, 1.9, 1.85));
        var overfitting = Trial(3, TrialStatus.Running, "loss", 2.1, 1.55, 1.7, 1.9);

        // Band 4: 1.4, 1.6, 1.85, 1.9 (lowest first) -> threshold 1.85.
        Assert.Equal(new StopDecision("hyperband band 4: loss 1.9 above threshold 1.85 (the best 1/2 of 4 trials at checkpoint 3)", 1, 2000),
            strict.Decide(overfitting, study));
        Assert.Null(lenient.Decide(overfitting, study));
    }
}
