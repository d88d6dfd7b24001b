using Sweeps.Faults;

namespace Sweeps.Spec;

/// <summary>A sweep file was rejected; <see cref="Errors"/> holds every problem found, in file order.</summary>
public sealed class SweepSpecException(IReadOnlyList<SpecError> errors)
    : SweepsException(FaultKind.Configuration, string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
