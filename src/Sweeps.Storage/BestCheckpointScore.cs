namespace Sweeps.Storage;

/// <summary>One score of a trial's best checkpoint, taken at <paramref name="Epochs"/> of training.</summary>
public sealed record BestCheckpointScore(
    int TrialId, string Label, double Epochs, string Metric, string Function, string Layer, string Category, double Value);
