using Sweeps.Spec;
using static Sweeps.EarlyStopping.Tests.Histories;

namespace Sweeps.EarlyStopping.Tests;

public class PeakRuleTests
{
    // PS rises to 68.3 at checkpoint 3 and falls.
    private static readonly TrialHistory RiseAndFall = Trial(0, TrialStatus.Running, "ps", 60, 65, 68, 68.3, 67, 66);

    [Fact]
    public void Patience_counts_checkpoints_since_the_last_gain_of_more_than_min_delta()
    {
        var withDelta = new PeakRule(new PeakEarlyTerminate("ps", Patience: 2, MinDelta: 0.5, LearnedPeak: null));
        var withoutDelta = new PeakRule(new PeakEarlyTerminate("ps", Patience: 2, MinDelta: 0, LearnedPeak: null));

        // 68.3 is not 0.5 above 68, so 68 (checkpoint 2) stays the reference and checkpoint 4 is the second without a gain.
        Assert.Null(withDelta.Decide(RiseAndFall.FirstCheckpoints(4), Study()));
        Assert.Equal(
            new StopDecision("peak: ps has not beaten 68.0 (checkpoint 2) by more than 0.5 for 2 checkpoints; best 68.3 at checkpoint 3 (step 4000)", 3, 4000),
            withDelta.Decide(RiseAndFall.FirstCheckpoints(5), Study()));
        // Without min_delta 68.3 is a gain, so the stop comes one checkpoint later.
        Assert.Null(withoutDelta.Decide(RiseAndFall.FirstCheckpoints(5), Study()));
        Assert.Equal(new StopDecision("peak: ps has not beaten 68.3 (checkpoint 3) by more than 0.0 for 2 checkpoints; best 68.3 at checkpoint 3 (step 4000)", 3, 4000),
            withoutDelta.Decide(RiseAndFall, Study()));
    }

    [Fact]
    public void Loss_peaks_downwards()
    {
        var rule = new PeakRule(new PeakEarlyTerminate("loss", Patience: 2, MinDelta: 0.05, LearnedPeak: null));
        var loss = Trial(0, TrialStatus.Running, "loss", 2.0, 1.6, 1.4, 1.38, 1.5, 1.6);

        Assert.Null(rule.Decide(loss.FirstCheckpoints(4), Study()));
        // 1.38 is not 0.05 below 1.4: checkpoints 3 and 4 bring no gain; the best is still 1.38.
        Assert.Equal(new StopDecision("peak: loss has not beaten 1.4 (checkpoint 2) by more than 0.05 for 2 checkpoints; best 1.38 at checkpoint 3 (step 4000)", 3, 4000),
            rule.Decide(loss.FirstCheckpoints(5), Study()));
    }

    // PS peaked at top-1 50, 58 and 54 in the ended trials: the median is 54, so with margin 2 a
    // running trial past top-1 56 whose PS is below its best stops.
    private static readonly TrialHistory[] Ended =
    [
        TopAndPs(0, TrialStatus.Completed, (40, 60), (50, 66), (55, 64)),
        TopAndPs(1, TrialStatus.Stopped, (42, 61), (52, 65), (58, 67), (60, 66)),
        TopAndPs(2, TrialStatus.Completed, (45, 62), (54, 68), (59, 65)),
    ];

    private static readonly PeakRule Learned = new(new PeakEarlyTerminate("ps", Patience: 10, MinDelta: 0, new LearnedPeak(Margin: 2, MinFinished: 2)));

    [Fact]
    public void Learned_peak_stops_a_trial_past_the_sweeps_ps_peak_accuracy_while_its_ps_falls()
    {
        var pastThePeak = TopAndPs(3, TrialStatus.Running, (44, 60), (53, 66), (57, 65));

        Assert.Equal(
            new StopDecision("learned peak: top1 57.0 is more than 2.0 above 54.0, the median top1 at which ps peaked in 3 ended trials, " +
                "and ps 65.0 is below its best 66.0 (checkpoint 1)", 1, 2000),
            Learned.Decide(pastThePeak, Study([.. Ended, pastThePeak])));
    }

    [Fact]
    public void Learned_peak_keeps_a_trial_whose_ps_still_rises_or_that_is_within_the_margin_or_without_enough_ended_trials()
    {
        var stillRising = TopAndPs(3, TrialStatus.Running, (44, 60), (53, 66), (57, 67));
        var withinMargin = TopAndPs(3, TrialStatus.Running, (44, 60), (53, 66), (56, 65));
        var pastThePeak = TopAndPs(3, TrialStatus.Running, (44, 60), (53, 66), (57, 65));
        var oneEnded = Study(Ended[0], TopAndPs(1, TrialStatus.Running, (42, 61), (52, 65), (58, 67), (60, 66)));

        Assert.Null(Learned.Decide(stillRising, Study(Ended)));
        Assert.Null(Learned.Decide(withinMargin, Study(Ended)));
        Assert.Null(Learned.Decide(pastThePeak, oneEnded));
    }
}
