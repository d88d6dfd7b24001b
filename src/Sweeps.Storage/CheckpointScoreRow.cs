namespace Sweeps.Storage;

/// <summary>One stored score with the checkpoint it measures: <paramref name="Epoch"/> whole epochs done,
/// <paramref name="EpochFraction"/> the progress in epochs.</summary>
public sealed record CheckpointScoreRow(
    int TrialId, int CheckpointId, long Step, int Epoch, double EpochFraction,
    string Metric, string Function, string Layer, string Category, double Value);
