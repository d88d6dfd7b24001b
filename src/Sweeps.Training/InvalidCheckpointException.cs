using Sweeps.Faults;

namespace Sweeps.Training;

/// <summary>A checkpoint file that is truncated, corrupt, of another format or of another trial. The message names the file.</summary>
public sealed class InvalidCheckpointException(string path, string problem, Exception? inner = null)
    : SweepsException(FaultKind.Data, $"{path}: {problem}", inner)
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
