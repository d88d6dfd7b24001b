using Sweeps.Faults;

namespace Sweeps.Training;

/// <summary>A checkpoint could not be written (a full disk, an I/O error). The previous checkpoint is
/// untouched; the trial is not at fault. The message names the file.</summary>
public sealed class CheckpointWriteException(string path, long bytes, Exception inner)
    : SweepsException(FaultKind.Environment, $"{path}: checkpoint of {bytes / 1e6:F1} MB could not be written: {inner.Message}", inner)
{
    public string Path { get; } = path;
    public long Bytes { get; } = bytes;
}
