namespace Sweeps.Training;

/// <summary>A checkpoint on disk: the state after <paramref name="Step"/> optimiser updates.</summary>
/// <param name="Epoch">Whole epochs completed at <paramref name="Step"/>.</param>
/// <param name="FractionalEpoch">Training progress in epochs, fractional (step / steps per epoch), for plots.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
/// <param name="TrainLoss">Mean training loss over the batches since the previous checkpoint.</param>
/// <param name="Scheduled">False for a checkpoint taken only to stop at (see <see cref="TrialTrainer.TrainToNextCheckpoint"/>).</param>
public sealed record CheckpointInfo(long Step, int Epoch, double FractionalEpoch, string Path, string Sha256, double TrainLoss, bool Scheduled = true);
