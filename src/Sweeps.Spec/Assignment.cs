using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>One validated value for one config path, read from <see cref="Node"/> (at <see cref="KeyPath"/>).</summary>
/// <param name="Apply">Returns a copy of a configuration with this value set.</param>
internal sealed record Assignment(SweptValue Value, YamlNode Node, string KeyPath, Func<TrialConfig, TrialConfig> Apply)
{
    public string Path => Value.Path;

    public string ValueText => Value.Text;

    public string Label => Value.Label;
}
