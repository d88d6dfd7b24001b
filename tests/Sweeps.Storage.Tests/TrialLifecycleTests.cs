using Sweeps.Faults;

namespace Sweeps.Storage.Tests;

/// <summary>The lifecycle's rules on hand-made attempt histories.</summary>
public sealed class TrialLifecycleTests
{
    private const int MaxAttempts = 3;

    /// <summary>Attempt 4 of a trial interrupted twice and failed once; it recorded a checkpoint when
    /// <paramref name="progressed"/>, and its failures-in-a-row count is <paramref name="streak"/>.</summary>
    private static AttemptCounters Trial(bool progressed, int streak = 1) =>
        new(Attempt: 4, ProgressAttempt: progressed ? 4 : 3, Interruptions: 2, FailedAttempts: 1, ConsecutiveFailures: streak, Step: 77, LogPath: "/ck/t.log");

    [Theory]
    [InlineData(TrialState.Queued, TrialTransition.Claim, true)]
    [InlineData(TrialState.Running, TrialTransition.Claim, false)]
    [InlineData(TrialState.Running, TrialTransition.Release, true)]
    [InlineData(TrialState.Queued, TrialTransition.Complete, false)]
    [InlineData(TrialState.Completed, TrialTransition.Retry, false)]
    [InlineData(TrialState.Failed, TrialTransition.Retry, true)]
    [InlineData(TrialState.Diverged, TrialTransition.Retry, true)]
    [InlineData(TrialState.Stopped, TrialTransition.Retry, true)]
    [InlineData(TrialState.Cancelled, TrialTransition.Retry, true)]
    [InlineData(TrialState.Cancelled, TrialTransition.Resume, false)]
    [InlineData(TrialState.Paused, TrialTransition.Resume, true)]
    [InlineData(TrialState.Paused, TrialTransition.Cancel, true)]
    [InlineData(TrialState.Completed, TrialTransition.Cancel, false)]
    [InlineData(TrialState.Paused, TrialTransition.Pause, false)]
    public void Transitions_start_only_from_their_states(TrialState from, TrialTransition transition, bool allowed)
    {
        Assert.Equal(allowed, TrialLifecycle.Allows(from, transition));
        if (allowed)
            TrialLifecycle.Ensure(7, from, transition);
        else
            Assert.Equal($"Trial 7 is {from}; it cannot {transition.ToString().ToLowerInvariant()} (allowed from: {string.Join(", ", TrialLifecycle.Sources(transition))}).",
                Assert.Throws<IllegalTransitionException>(() => TrialLifecycle.Ensure(7, from, transition)).Message);
    }

    [Fact]
    public void An_interruption_never_counts_against_the_trial_and_clears_the_streak_after_progress()
    {
        Assert.Equal(new Verdict(TrialTransition.Release, 3, 1, 0, null), TrialLifecycle.Conclude(new AttemptEnd.Interrupted("stopped"), Trial(progressed: true, streak: 2), MaxAttempts));
        Assert.Equal(new Verdict(TrialTransition.Release, 3, 1, 2, null), TrialLifecycle.Conclude(new AttemptEnd.Interrupted("stopped"), Trial(progressed: false, streak: 2), MaxAttempts));
        Assert.Equal(new Verdict(TrialTransition.Release, 3, 1, 0, "disk full"),
            TrialLifecycle.Conclude(new AttemptEnd.Failed("disk full", FaultKind.Environment), Trial(progressed: true), MaxAttempts));
    }

    [Fact]
    public void A_death_after_progress_is_an_interruption_and_deaths_without_progress_fail_the_trial_at_MaxAttempts_in_a_row()
    {
        Assert.Equal(new Verdict(TrialTransition.Release, 3, 1, 0, null), TrialLifecycle.Conclude(new AttemptEnd.Died("killed"), Trial(progressed: true, streak: 2), MaxAttempts));
        Assert.Equal(new Verdict(TrialTransition.Release, 2, 2, 2, "attempt 4 failed (2 of 3 in a row): killed before writing a checkpoint, near step 77; log: /ck/t.log"),
            TrialLifecycle.Conclude(new AttemptEnd.Died("killed"), Trial(progressed: false, streak: 1), MaxAttempts));
        Assert.Equal(new Verdict(TrialTransition.Fail, 2, 2, 3,
                "gave up after 3 failed attempt(s) in a row without progress; the last: killed before writing a checkpoint, near step 77; log: /ck/t.log"),
            TrialLifecycle.Conclude(new AttemptEnd.Died("killed"), Trial(progressed: false, streak: 2), MaxAttempts));
    }

    [Fact]
    public void Failures_of_the_trial_retry_until_MaxAttempts_in_a_row_and_bad_inputs_fail_at_once()
    {
        // A divergence after progress starts a new streak of one.
        Assert.Equal(new Verdict(TrialTransition.Release, 2, 2, 1, "attempt 4 failed (1 of 3 in a row): NaN"),
            TrialLifecycle.Conclude(new AttemptEnd.Failed("NaN", FaultKind.Trial), Trial(progressed: true, streak: 2), MaxAttempts));
        Assert.Equal(TrialTransition.Diverge, TrialLifecycle.Conclude(new AttemptEnd.Failed("NaN", FaultKind.Trial), Trial(progressed: false, streak: 2), MaxAttempts).Transition);
        Assert.Equal(TrialTransition.Fail, TrialLifecycle.Conclude(new AttemptEnd.Failed("bug", null), Trial(progressed: false, streak: 2), MaxAttempts).Transition);
        Assert.Equal(new Verdict(TrialTransition.Fail, 2, 2, 2, "no such folder"),
            TrialLifecycle.Conclude(new AttemptEnd.Failed("no such folder", FaultKind.Data), Trial(progressed: true, streak: 1), MaxAttempts));
        Assert.Equal(TrialTransition.Fail, TrialLifecycle.Conclude(new AttemptEnd.Failed("bad optimizer", FaultKind.Configuration), Trial(progressed: true), MaxAttempts).Transition);
    }

    [Fact]
    public void Completion_requests_and_early_stops_keep_the_counters()
    {
        var trial = Trial(progressed: true, streak: 1);
        Assert.Equal(new Verdict(TrialTransition.Complete, 2, 1, 1, null), TrialLifecycle.Conclude(new AttemptEnd.Completed(), trial, MaxAttempts));
        Assert.Equal(TrialState.Cancelled, TrialLifecycle.Conclude(new AttemptEnd.Settled(OperatorRequest.Cancel), trial, MaxAttempts).State);
        Assert.Equal(TrialState.Paused, TrialLifecycle.Conclude(new AttemptEnd.Settled(OperatorRequest.Pause), trial, MaxAttempts).State);
        Assert.Equal(new Verdict(TrialTransition.Stop, 2, 1, 1, "hyperband band 2"), TrialLifecycle.Conclude(new AttemptEnd.Settled(OperatorRequest.Stop, "hyperband band 2"), trial, MaxAttempts));
    }
}
