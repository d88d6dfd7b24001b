using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>A settable leaf of <see cref="TrialConfig"/>, named by its dotted snake_case path.</summary>
internal abstract class ConfigField(string path)
{
    public string Path { get; } = path;

    public abstract NumberKind NumberKind { get; }

    /// <returns>The assignment, or null after reporting why the node is not a valid value.</returns>
    public abstract Assignment? Read(YamlNode node, string keyPath, SpecErrorList errors);

    /// <summary>A number drawn from a distribution (integral for integer fields), located at <paramref name="node"/>.</summary>
    /// <returns>The assignment, or null after reporting that the number is out of the field's range.</returns>
    public abstract Assignment? FromNumber(double number, YamlNode node, string keyPath, SpecErrorList errors);

    public abstract JsonObject Schema();
}
