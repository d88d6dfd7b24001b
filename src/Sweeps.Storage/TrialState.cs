namespace Sweeps.Storage;

/// <summary>Life cycle of a trial; stored by name.</summary>
public enum TrialState
{
    Queued,
    Running,
    Completed,
    Failed,
    /// <summary>Training produced a non-finite loss; retrying the same configuration would not help.</summary>
    Diverged,
}
