namespace Sweeps.Storage;

/// <summary>Attempt <paramref name="Attempt"/> at a running trial of the sweep <paramref name="SweepId"/> created it.</summary>
public sealed record RunningAttempt(int TrialId, int SweepId, int Attempt);
