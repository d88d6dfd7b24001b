using Sweeps.Faults;

namespace Sweeps.Storage;

/// <summary>How one attempt at a trial ended, as its worker (or, for <see cref="Died"/>, the worker that
/// found its lease run out) reports it. <see cref="TrialLifecycle.Conclude"/> turns it into the trial's next state.</summary>
public abstract record AttemptEnd
{
    private AttemptEnd() { }

    /// <summary>Every step trained, every checkpoint recorded and scored.</summary>
    public sealed record Completed : AttemptEnd;

    /// <summary>Stopped from outside (the worker was stopped, the disk filled up): not the trial's fault.</summary>
    public sealed record Interrupted(string Reason) : AttemptEnd;

    /// <summary>The process running the attempt ended without reporting (killed, out of memory, a native
    /// crash); <paramref name="How"/> says what was seen of it.</summary>
    public sealed record Died(string How) : AttemptEnd;

    /// <summary>The attempt threw; <paramref name="Fault"/> is null for an unexpected exception.</summary>
    public sealed record Failed(string Error, FaultKind? Fault) : AttemptEnd;

    /// <summary>The holder acted on a request recorded for the trial after a checkpoint: an operator's cancel or
    /// pause, or an early-stopping rule's stop, whose <paramref name="Reason"/> becomes the trial's error.</summary>
    public sealed record Settled(OperatorRequest Request, string? Reason = null) : AttemptEnd;
}
