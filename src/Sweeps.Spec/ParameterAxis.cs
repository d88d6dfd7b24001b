namespace Sweeps.Spec;

/// <summary>
/// The values one grid parameter takes, in file order. A <c>value:</c> parameter is fixed:
/// it applies to every trial but does not vary, so it stays out of labels.
/// </summary>
internal sealed record ParameterAxis(IReadOnlyList<Assignment> Values, bool IsVaried);
