using Sweeps.Faults;
using static Sweeps.Storage.TrialState;

namespace Sweeps.Storage;

/// <summary>
/// The one place that says how a trial's state may change and what an ended attempt means for it.
/// <see cref="TrialQueue"/> applies these rules, each change as one conditional write, before the change
/// takes effect anywhere else.
/// <list type="bullet">
/// <item>An attempt ended from outside (a stopped, killed or preempted worker, a full disk) is an
/// interruption when it recorded a checkpoint, and never counts against the trial.</item>
/// <item>An attempt that failed, or whose process died before recording a checkpoint, is a failed attempt;
/// <c>maxAttempts</c> of them in a row end the trial (Diverged when the loss kept diverging, else Failed).</item>
/// <item>Bad data or configuration fails the trial at once: retrying would fail the same way.</item>
/// </list>
/// </summary>
public static class TrialLifecycle
{
    private static readonly Dictionary<TrialTransition, (TrialState[] From, TrialState To)> Rules = new()
    {
        [TrialTransition.Claim] = ([Queued], Running),
        [TrialTransition.Release] = ([Running], Queued),
        [TrialTransition.Complete] = ([Running], Completed),
        [TrialTransition.Fail] = ([Running], Failed),
        [TrialTransition.Diverge] = ([Running], Diverged),
        [TrialTransition.Stop] = ([Running], Stopped),
        [TrialTransition.Cancel] = ([Queued, Paused, Running], Cancelled),
        [TrialTransition.Pause] = ([Queued, Running], Paused),
        [TrialTransition.Resume] = ([Paused], Queued),
        [TrialTransition.Retry] = ([Failed, Diverged, Stopped, Cancelled], Queued),
    };

    public static TrialState Target(TrialTransition transition) => Rules[transition].To;

    public static IReadOnlyList<TrialState> Sources(TrialTransition transition) => Rules[transition].From;

    public static bool Allows(TrialState from, TrialTransition transition) => Rules[transition].From.Contains(from);

    /// <exception cref="IllegalTransitionException">The transition cannot start from <paramref name="from"/>.</exception>
    public static void Ensure(int trialId, TrialState from, TrialTransition transition)
    {
        if (!Allows(from, transition))
            throw new IllegalTransitionException(trialId, from, transition);
    }

    /// <summary>True for states no worker will pick up again without an operator.</summary>
    public static bool IsFinal(TrialState state) => state is Completed or Failed or Diverged or Stopped or Cancelled;

    /// <summary>The trial's next state after <paramref name="end"/>, with its counters and error.</summary>
    public static Verdict Conclude(AttemptEnd end, AttemptCounters trial, int maxAttempts)
    {
        int interruptedStreak = trial.MadeProgress ? 0 : trial.ConsecutiveFailures;
        return end switch
        {
            AttemptEnd.Completed => Keep(TrialTransition.Complete, trial, error: null),
            AttemptEnd.Settled settled => Keep(TransitionFor(settled.Request), trial, settled.Reason),
            AttemptEnd.Interrupted => new(TrialTransition.Release, trial.Interruptions + 1, trial.FailedAttempts, interruptedStreak, null),
            AttemptEnd.Failed { Fault: FaultKind.Environment } failed =>
                new(TrialTransition.Release, trial.Interruptions + 1, trial.FailedAttempts, interruptedStreak, failed.Error),
            AttemptEnd.Failed { Fault: FaultKind.Data or FaultKind.Configuration } failed =>
                new(TrialTransition.Fail, trial.Interruptions, trial.FailedAttempts + 1, trial.ConsecutiveFailures + 1, failed.Error),
            AttemptEnd.Failed failed => Retry(trial, maxAttempts, failed.Fault == FaultKind.Trial ? TrialTransition.Diverge : TrialTransition.Fail,
                TrialTransition.Release, failed.Error),
            AttemptEnd.Died when trial.MadeProgress =>
                new(TrialTransition.Release, trial.Interruptions + 1, trial.FailedAttempts, 0, null),
            AttemptEnd.Died died => Retry(trial, maxAttempts, TrialTransition.Fail, TrialTransition.Release,
                $"{died.How} before writing a checkpoint, near step {trial.Step}" + (trial.LogPath is null ? "" : $"; log: {trial.LogPath}")),
            _ => throw new ArgumentOutOfRangeException(nameof(end), end, "Unknown attempt end."),
        };
    }

    private static TrialTransition TransitionFor(OperatorRequest request) => request switch
    {
        OperatorRequest.Cancel => TrialTransition.Cancel,
        OperatorRequest.Pause => TrialTransition.Pause,
        OperatorRequest.Stop => TrialTransition.Stop,
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Unknown request."),
    };

    private static Verdict Keep(TrialTransition transition, AttemptCounters trial, string? error) =>
        new(transition, trial.Interruptions, trial.FailedAttempts, trial.ConsecutiveFailures, error);

    /// <summary>A failed attempt: one more in a row unless the attempt made progress; the trial ends with
    /// <paramref name="final"/> at <paramref name="maxAttempts"/> in a row, else goes on with <paramref name="again"/>.</summary>
    private static Verdict Retry(AttemptCounters trial, int maxAttempts, TrialTransition final, TrialTransition again, string error)
    {
        int streak = (trial.MadeProgress ? 0 : trial.ConsecutiveFailures) + 1;
        return streak >= maxAttempts
            ? new(final, trial.Interruptions, trial.FailedAttempts + 1, streak,
                $"gave up after {streak} failed attempt(s) in a row without progress; the last: {error}")
            : new(again, trial.Interruptions, trial.FailedAttempts + 1, streak,
                $"attempt {trial.Attempt} failed ({streak} of {maxAttempts} in a row): {error}");
    }
}
