using Sweeps.Faults;

namespace Sweeps.Storage;

/// <summary>A worker wrote for a trial under a claim that is no longer current (another worker took the
/// trial over, or an operator ended it). The write was refused; the worker must stop the trial at once.</summary>
public sealed class StaleClaimException(TrialClaim claim)
    : SweepsException(FaultKind.Environment,
        $"Trial {claim.TrialId}: attempt {claim.Attempt} by {claim.WorkerId} no longer holds the trial; the write was refused.")
{
    public TrialClaim Claim { get; } = claim;
}
