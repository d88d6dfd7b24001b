namespace Sweeps.Storage;

/// <summary>
/// A trial as a member of a sweep. A trial belongs to every sweep that asked for its configuration:
/// the sweep that created it, and later sweeps that found it already queued, running or completed
/// and so reused it instead of training it again.
/// </summary>
public sealed class SweepTrial
{
    public int SweepId { get; set; }
    /// <summary>Position in the sweep, 0-based.</summary>
    public int Index { get; set; }
    public int TrialId { get; set; }
    public Trial? Trial { get; set; }
    /// <summary>The swept values in short, as this sweep names them, e.g. <c>model.depth=6 model.width=0.25</c>.</summary>
    public required string Label { get; set; }
    /// <summary>True when the trial was created by an earlier sweep.</summary>
    public bool Reused { get; set; }
}
