namespace Sweeps.EarlyStopping;

/// <summary>Where a trial stands, as the rules need it (independent of storage's trial states).</summary>
public enum TrialStatus
{
    Running,
    /// <summary>Ran to its last checkpoint.</summary>
    Completed,
    /// <summary>Ended before its last checkpoint: stopped by a rule, or ended otherwise (failed, cancelled).</summary>
    Stopped,
}
