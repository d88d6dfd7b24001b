using Sweeps.Data;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>A parameter drawn from a numeric distribution; drawn values are located at the parameter's block.</summary>
internal sealed class DistributionAxis(ConfigField field, NumericDistribution distribution, YamlNode block, string keyPath)
    : ParameterAxis(block.Start, isVaried: true)
{
    public override IReadOnlyList<IReadOnlyList<Assignment>>? Points => null;

    public override IReadOnlyList<Assignment> Sample(SplitMix64 random, SpecErrorList errors) =>
        field.FromNumber(distribution.Sample(random), block, keyPath, errors) is { } drawn ? [drawn] : [];
}
