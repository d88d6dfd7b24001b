namespace Sweeps.Training;

/// <summary>The training state a checkpoint header records next to the weights and optimiser state.</summary>
/// <param name="Epoch">Whole epochs completed at <paramref name="Step"/>.</param>
/// <param name="TrainLoss">Mean training loss over the batches since the previous checkpoint.</param>
/// <param name="Config">The trial's resolved configuration as <c>TrialConfig.ToJson()</c>; with
/// <paramref name="ClassCount"/> it lets a checkpoint rebuild its model from the file alone. Null in
/// files written before checkpoints recorded it.</param>
/// <param name="ClassCount">Classes of the model's head; 0 in files written before checkpoints recorded it.</param>
public sealed record CheckpointState(int Epoch, long Step, string ConfigHash, int Seed, double TrainLoss, string? Config = null, int ClassCount = 0);
