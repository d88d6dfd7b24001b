namespace Sweeps.Storage;

public sealed record CheckpointRecord(
    int Id, int Epoch, double EpochFraction, long Step, string Path, string Sha256, bool HasScores, bool FileDeleted);
