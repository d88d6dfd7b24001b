namespace Sweeps.Storage;

/// <summary>What a worker reports with each heartbeat; a null leaves the stored value as it is (no trainer
/// yet, or no step trained since the last report).</summary>
public sealed record TrialProgress(long? Step, long? TotalSteps, double? ImagesPerSecond, string? LogPath);
