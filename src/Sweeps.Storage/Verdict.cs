namespace Sweeps.Storage;

/// <summary>What becomes of a trial after an attempt ends: the transition to take, the counters to store
/// and the error to show (null clears it).</summary>
public sealed record Verdict(TrialTransition Transition, int Interruptions, int FailedAttempts, int ConsecutiveFailures, string? Error)
{
    public TrialState State => TrialLifecycle.Target(Transition);
}
