namespace Sweeps.Training;

/// <summary>The training state a checkpoint header records next to the weights and optimiser state.</summary>
/// <param name="Epoch">Whole epochs completed at <paramref name="Step"/>.</param>
/// <param name="TrainLoss">Mean training loss over the batches since the previous checkpoint.</param>
public sealed record CheckpointState(int Epoch, long Step, string ConfigHash, int Seed, double TrainLoss);
