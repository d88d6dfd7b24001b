namespace Sweeps.Storage;

/// <summary>The fencing token of one claim: every write for the trial names it and is refused unless the
/// trial is still running under exactly this attempt and worker.</summary>
public sealed record TrialClaim(int TrialId, int Attempt, string WorkerId);
