using Sweeps.Faults;

namespace Sweeps.Data;

/// <summary>A data file or folder that cannot be read as what it claims to be. The message names the file.</summary>
public sealed class DataFormatException(string path, string problem, Exception? inner = null)
    : SweepsException(FaultKind.Data, $"{path}: {problem}", inner)
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}
