using Sweeps.Data;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// The random method: <c>run_cap</c> configurations, each drawing every axis in file order from one
/// SplitMix64 stream seeded with <c>seed</c> (one number per axis and draw). A draw that repeats an
/// earlier configuration is discarded and drawn again, so the trials are distinct.
/// </summary>
internal sealed class RandomExpansion(SplitMix64 random, SpecErrorList errors)
{
    /// <summary>Gives up after this many draws per wanted trial: the space is then too small for run_cap.</summary>
    private const int DrawsPerTrial = 100;

    public AxisCombination Draw(IReadOnlyList<ParameterAxis> axes) =>
        AxisCombination.Of(AxisCombination.InFileOrder(axes).Select(axis => (axis, axis.Sample(random, errors))));

    public IReadOnlyList<Configuration> Expand(IReadOnlyList<ParameterAxis> axes, int runCap, YamlNode runCapNode, YamlNode source, string sourceKeyPath)
    {
        var drawn = new List<Configuration>();
        var seen = new HashSet<string>();
        var draws = 0;
        for (; drawn.Count < runCap && draws < runCap * DrawsPerTrial; draws++)
        {
            var combination = Draw(axes);
            if (seen.Add(string.Join(' ', combination.Settings.Select(s => s.Label))))
                drawn.Add(new Configuration(combination.Settings, combination.Varied, source, sourceKeyPath));
        }
        if (drawn.Count < runCap)
            errors.Add(runCapNode, "run_cap", $"only {drawn.Count} distinct configurations in {draws} draws; lower run_cap or widen the parameters");
        return drawn;
    }
}
