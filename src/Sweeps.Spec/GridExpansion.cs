using System.Numerics;

namespace Sweeps.Spec;

/// <summary>The grid method: the Cartesian product of the axes, the first written varying slowest.</summary>
internal static class GridExpansion
{
    /// <summary>Distribution axes (already reported under the grid) count as absent.</summary>
    public static BigInteger Count(IReadOnlyList<ParameterAxis> axes) =>
        axes.Aggregate(BigInteger.One, (count, axis) => count * (axis.Points?.Count ?? 1));

    public static IReadOnlyList<AxisCombination> Combine(IReadOnlyList<ParameterAxis> axes)
    {
        IEnumerable<IEnumerable<(ParameterAxis Axis, IReadOnlyList<Assignment> Point)>> combinations = [[]];
        foreach (var axis in AxisCombination.InFileOrder(axes))
        {
            if (axis.Points is not { } points)
                continue;
            combinations = combinations.SelectMany(combination => points.Select(point => combination.Append((axis, point))));
        }
        return combinations.Select(AxisCombination.Of).ToList();
    }
}
