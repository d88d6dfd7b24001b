namespace Sweeps.Storage;

/// <param name="Attempt">The attempt that wrote it.</param>
/// <param name="Scheduled">False for a checkpoint taken only to stop at (not scored).</param>
public sealed record CheckpointRecord(
    int Id, int Epoch, double EpochFraction, long Step, string Path, string Sha256, bool HasScores, bool FileDeleted, int Attempt, bool Scheduled);
