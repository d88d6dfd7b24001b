namespace Sweeps.Storage;

/// <summary>A checkpoint file just written: after <paramref name="Step"/> updates, <paramref name="Epoch"/>
/// whole epochs, <paramref name="EpochFraction"/> epochs of progress. <paramref name="Scheduled"/> is false
/// for one taken only to stop at (a cancel, pause or early stop), which is not scored.</summary>
public sealed record NewCheckpoint(int Epoch, double EpochFraction, long Step, string Path, string Sha256, bool Scheduled = true);
