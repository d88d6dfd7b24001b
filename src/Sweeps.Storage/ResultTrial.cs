namespace Sweeps.Storage;

/// <summary>A sweep member as the results export names it: <paramref name="Index"/> and <paramref name="Label"/>
/// in that sweep, its resolved configuration and its best checkpoint, once marked.</summary>
public sealed record ResultTrial(int TrialId, int Index, string Label, TrialState State, string ConfigJson, int? BestCheckpointId);
