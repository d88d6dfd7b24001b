namespace Sweeps.Storage;

/// <summary>Every change of a trial's state; <see cref="TrialLifecycle"/> holds which states each may start from.</summary>
public enum TrialTransition
{
    /// <summary>A worker takes a queued trial. A running trial whose holder let its lease run out (it died
    /// or hung) is first concluded as <see cref="AttemptEnd.Died"/>: released and claimed in one write, or ended.</summary>
    Claim,
    /// <summary>The holder hands the trial back to the queue (stopped, interrupted, or a failed attempt to retry).</summary>
    Release,
    Complete,
    Fail,
    Diverge,
    /// <summary>An early-stopping rule ends it.</summary>
    Stop,
    Cancel,
    Pause,
    Resume,
    /// <summary>A failed, diverged, stopped or cancelled trial continues from its last good checkpoint.</summary>
    Retry,
}
