using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>A settable leaf of <see cref="TrialConfig"/>, named by its dotted snake_case path.</summary>
internal abstract class ConfigField(string path)
{
    public string Path { get; } = path;

    /// <returns>The assignment, or null after reporting why the node is not a valid value.</returns>
    public abstract Assignment? Read(YamlNode node, string keyPath, SpecErrorList errors);
}
