using Sweeps.Data;
using YamlDotNet.Core;

namespace Sweeps.Spec;

/// <summary>
/// One dimension of a sweep: a parameter, or a <c>zip</c> group whose parameters move together.
/// Each point is the settings one trial takes from it. A fixed (<c>value:</c>) parameter does not
/// vary, so it stays out of labels.
/// </summary>
internal abstract class ParameterAxis(Mark start, bool isVaried)
{
    /// <summary>Where the axis is written; axes vary in file order, the first slowest.</summary>
    public Mark Start { get; } = start;

    public bool IsVaried { get; } = isVaried;

    /// <summary>Every point, for the grid; null for a distribution that has no finite list.</summary>
    public abstract IReadOnlyList<IReadOnlyList<Assignment>>? Points { get; }

    /// <summary>One random point (empty after reporting a drawn value out of range).</summary>
    public abstract IReadOnlyList<Assignment> Sample(SplitMix64 random, SpecErrorList errors);
}
