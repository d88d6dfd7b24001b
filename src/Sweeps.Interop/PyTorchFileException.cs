using Sweeps.Faults;

namespace Sweeps.Interop;

/// <summary>A PyTorch file that cannot be read or written as a state_dict, or does not fit the architecture
/// it is imported as. The message names the file.</summary>
public sealed class PyTorchFileException(FaultKind fault, string path, string problem, Exception? inner = null)
    : SweepsException(fault, $"{path}: {problem}", inner);
