using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// One <c>conditions</c> entry: when every <see cref="When"/> setting already holds in a trial's
/// resolved configuration, the trial also takes <see cref="Base"/> and is expanded over <see cref="Axes"/>.
/// </summary>
internal sealed record Condition(IReadOnlyList<Assignment> When, IReadOnlyList<Assignment> Base, IReadOnlyList<ParameterAxis> Axes, YamlNode Source)
{
    /// <summary>A setting holds when applying it would change nothing (so presets test what they set).</summary>
    public bool Holds(TrialConfig config)
    {
        var json = config.ToJson();
        return When.All(test => test.Apply(config).ToJson() == json);
    }

    public IEnumerable<Assignment> Settings => Base.Concat(Axes.SelectMany(axis => axis.Points ?? []).SelectMany(point => point));
}
