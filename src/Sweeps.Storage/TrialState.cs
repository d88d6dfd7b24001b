namespace Sweeps.Storage;

/// <summary>Life cycle of a trial; stored by name. <see cref="TrialLifecycle"/> says which changes are legal.</summary>
public enum TrialState
{
    Queued,
    Running,
    Completed,
    Failed,
    /// <summary>Training produced a non-finite loss at the same point attempt after attempt.</summary>
    Diverged,
    /// <summary>Ended early by an early-stopping rule; its checkpoints and scores stay.</summary>
    Stopped,
    /// <summary>Ended by an operator; <c>retry</c> continues it from its last checkpoint.</summary>
    Cancelled,
    /// <summary>Held back by an operator; <c>resume</c> queues it again.</summary>
    Paused,
}
