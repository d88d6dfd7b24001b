namespace Sweeps.Storage;

/// <summary>One point of the accuracy-versus-PS plot; <paramref name="Epochs"/> is the training progress,
/// <paramref name="IsBest"/> says it is its trial's best checkpoint (<see cref="Trial.BestCheckpointId"/>).</summary>
public sealed record ScoredCheckpoint(int TrialId, string Label, double Epochs, double Top1, double Ps, bool IsBest = false);
