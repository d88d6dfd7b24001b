namespace Sweeps.Storage;

/// <summary>A trial a worker now holds under <paramref name="Claim"/>.</summary>
public sealed record ClaimedTrial(TrialClaim Claim, int SweepId, string ConfigJson, string Label)
{
    public int Id => Claim.TrialId;
    public int Attempt => Claim.Attempt;
}
