namespace Sweeps.Training;

/// <summary>The training state a checkpoint header records next to the weights and optimiser state.</summary>
public sealed record CheckpointState(int Epoch, long Step, string ConfigHash, int Seed, double TrainLoss);
