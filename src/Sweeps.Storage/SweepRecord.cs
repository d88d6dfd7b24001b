namespace Sweeps.Storage;

/// <summary>A stored sweep; <paramref name="TrialIds"/> in trial index order.</summary>
public sealed record SweepRecord(int Id, string Name, string YamlSha256, DateTime SubmittedAt, IReadOnlyList<int> TrialIds);
