namespace Sweeps.Faults;

/// <summary>The root of every exception Sweeps throws on purpose. <see cref="Fault"/> says whose fault
/// it is; an exception outside this hierarchy is unexpected (a bug or a native fault) and is retried
/// like a fault of the trial.</summary>
public abstract class SweepsException(FaultKind fault, string message, Exception? inner = null) : Exception(message, inner)
{
    public FaultKind Fault { get; } = fault;
}
