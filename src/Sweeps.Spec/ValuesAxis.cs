using Sweeps.Data;
using YamlDotNet.Core;

namespace Sweeps.Spec;

/// <summary>An axis with listed points: <c>values</c> (categorical), a fixed <c>value</c>, or a zip group.</summary>
internal sealed class ValuesAxis(Mark start, IReadOnlyList<IReadOnlyList<Assignment>> points, bool isVaried)
    : ParameterAxis(start, isVaried)
{
    public override IReadOnlyList<IReadOnlyList<Assignment>> Points { get; } = points;

    public override IReadOnlyList<Assignment> Sample(SplitMix64 random, SpecErrorList errors) => Points[random.NextIntFromDouble(Points.Count)];
}
