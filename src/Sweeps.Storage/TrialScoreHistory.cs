namespace Sweeps.Storage;

/// <summary>A member of a sweep with its scored checkpoints in order, as early stopping and replay read it.
/// <paramref name="Index"/> is its place in the sweep; <paramref name="StartedAt"/> orders trials as they ran.</summary>
public sealed record TrialScoreHistory(
    int TrialId, int Index, TrialState State, DateTime? StartedAt, string ConfigJson, IReadOnlyList<CheckpointHeadlines> Checkpoints);

/// <summary>A scheduled, scored checkpoint's headline scores by metric name (<c>ps</c>: the LPIPS ensemble's
/// category mean; <c>top1</c>, <c>top5</c>, <c>loss</c>).</summary>
public sealed record CheckpointHeadlines(int CheckpointId, long Step, double EpochFraction, IReadOnlyDictionary<string, double> Scores);
