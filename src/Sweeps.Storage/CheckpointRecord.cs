namespace Sweeps.Storage;

public sealed record CheckpointRecord(int Id, int Epoch, long Step, string Path, string Sha256, bool HasScores);
