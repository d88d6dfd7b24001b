namespace Sweeps.Storage;

/// <summary>What an operator command did to one trial: <paramref name="State"/> is its state afterwards,
/// <paramref name="Requested"/> true when a running trial was asked to act at its next step boundary,
/// <paramref name="Refused"/> the reason when the command does not apply to it.</summary>
public sealed record OperatorOutcome(int TrialId, string Label, TrialState State, bool Requested, string? Refused);
