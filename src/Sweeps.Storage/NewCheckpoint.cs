namespace Sweeps.Storage;

/// <summary>A checkpoint file just written: after <paramref name="Step"/> updates, <paramref name="Epoch"/>
/// whole epochs, <paramref name="EpochFraction"/> epochs of progress.</summary>
public sealed record NewCheckpoint(int Epoch, double EpochFraction, long Step, string Path, string Sha256);
