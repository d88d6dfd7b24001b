namespace Sweeps.Storage;

/// <summary>One point of the accuracy-versus-PS plot.</summary>
public sealed record ScoredCheckpoint(int TrialId, string Label, int Epoch, double Top1, double Ps);
