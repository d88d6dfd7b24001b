namespace Sweeps.Storage;

/// <summary>A checkpoint whose file still exists, with its headline metrics (layer ensemble or no
/// layer, category mean or none), keyed <c>metric</c> or <c>metric/function</c>.</summary>
public sealed record CheckpointSummary(int Id, long Step, string Path, IReadOnlyDictionary<string, double> Metrics);
