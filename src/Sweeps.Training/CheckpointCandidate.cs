namespace Sweeps.Training;

/// <summary>A stored checkpoint as the keep policy sees it.</summary>
/// <param name="Metrics">Its scores by metric name (e.g. <c>top1</c>, <c>ps/lpips/ensemble/mean</c>,
/// <c>train_loss</c>); empty while it is not scored yet.</param>
public sealed record CheckpointCandidate(long Step, string Path, IReadOnlyDictionary<string, double> Metrics);
