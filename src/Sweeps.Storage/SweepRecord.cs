namespace Sweeps.Storage;

/// <summary>A stored sweep; <paramref name="TrialIds"/> in sweep order, <paramref name="ReusedTrials"/>
/// of them created by earlier sweeps.</summary>
public sealed record SweepRecord(int Id, string Name, string YamlSha256, DateTime SubmittedAt, IReadOnlyList<int> TrialIds, int ReusedTrials);
