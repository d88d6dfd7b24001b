namespace Sweeps.EarlyStopping;

/// <summary>
/// Decides from snapshots alone whether a running trial should stop at its newest checkpoint; rules
/// never read or write storage.
/// </summary>
public interface IStoppingRule
{
    /// <param name="trial">The running trial, its history up to its newest checkpoint.</param>
    /// <param name="study">Every trial of the sweep (it may include <paramref name="trial"/>).</param>
    /// <returns>Null to let it run on.</returns>
    StopDecision? Decide(TrialHistory trial, StudySnapshot study);
}
