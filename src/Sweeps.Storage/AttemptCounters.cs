namespace Sweeps.Storage;

/// <summary>A trial's attempt history as the lifecycle needs it. <paramref name="Attempt"/> is the attempt
/// that just ended; it made progress when it recorded a checkpoint (<paramref name="ProgressAttempt"/> equals it).
/// <paramref name="Step"/> is the last step its worker reported.</summary>
public sealed record AttemptCounters(
    int Attempt, int ProgressAttempt, int Interruptions, int FailedAttempts, int ConsecutiveFailures, long Step, string? LogPath)
{
    public bool MadeProgress => Attempt > 0 && ProgressAttempt == Attempt;
}
