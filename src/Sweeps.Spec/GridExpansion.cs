using System.Numerics;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>The grid method: the Cartesian product of the parameters, first parameter varying slowest.</summary>
internal static class GridExpansion
{
    public static BigInteger Count(IReadOnlyList<ParameterAxis> axes) =>
        axes.Aggregate(BigInteger.One, (count, axis) => count * axis.Values.Count);

    public static IReadOnlyList<Configuration> Expand(IReadOnlyList<ParameterAxis> axes, YamlNode source, string sourceKeyPath)
    {
        IEnumerable<(IReadOnlyList<Assignment> Settings, IReadOnlyList<Assignment> Varied)> combinations = [([], [])];
        foreach (var axis in axes)
        {
            combinations = combinations.SelectMany(combination => axis.Values.Select(value => (
                (IReadOnlyList<Assignment>)[.. combination.Settings, value],
                axis.IsVaried ? (IReadOnlyList<Assignment>)[.. combination.Varied, value] : combination.Varied)));
        }
        return combinations.Select(c => new Configuration(c.Settings, c.Varied, source, sourceKeyPath)).ToList();
    }
}
