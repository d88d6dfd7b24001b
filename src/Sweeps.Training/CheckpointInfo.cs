namespace Sweeps.Training;

/// <summary>A checkpoint on disk: the state after <paramref name="Epoch"/> epochs (<paramref name="Step"/> updates).</summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
public sealed record CheckpointInfo(int Epoch, long Step, string Path, string Sha256, double TrainLoss);
