namespace Sweeps.Storage;

/// <summary>A trial's progress; the best values are the maxima over its checkpoints, null before any
/// is scored. <paramref name="Reused"/>: the sweep links a trial an earlier sweep created.
/// <paramref name="Step"/>, <paramref name="TotalSteps"/>, <paramref name="ImagesPerSecond"/> and
/// <paramref name="HeartbeatAt"/> are the holder's last report.</summary>
public sealed record TrialStatus(
    int Id, int Index, string Label, TrialState State, int CompletedEpochs, int Attempts,
    double? BestTop1, double? BestPs, string? Error, bool Reused)
{
    public int Interruptions { get; init; }
    public int FailedAttempts { get; init; }
    public int Priority { get; init; }
    public OperatorRequest? Request { get; init; }
    /// <summary>Why <see cref="Request"/> was made (an early stop's reason) while it is pending.</summary>
    public string? RequestReason { get; init; }
    public string? WorkerId { get; init; }
    public DateTime? HeartbeatAt { get; init; }
    public long Step { get; init; }
    public long TotalSteps { get; init; }
    public double? ImagesPerSecond { get; init; }
    public string? LogPath { get; init; }
    /// <summary>The checkpoint best by the creating sweep's metric, once the worker has marked one.</summary>
    public BestCheckpoint? Best { get; init; }
}

/// <summary>The best checkpoint's place in training and its headline scores.</summary>
public sealed record BestCheckpoint(double Epochs, double? Top1, double? Ps);
