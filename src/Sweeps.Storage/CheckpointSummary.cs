namespace Sweeps.Storage;

/// <summary>A checkpoint whose file still exists, with its headline metrics (layer ensemble or no
/// layer, category mean or none), keyed <c>metric</c> or <c>metric/function</c>. <paramref name="Scheduled"/>
/// is false for one taken only to stop at.</summary>
public sealed record CheckpointSummary(int Id, long Step, string Path, bool Scheduled, IReadOnlyDictionary<string, double> Metrics);
