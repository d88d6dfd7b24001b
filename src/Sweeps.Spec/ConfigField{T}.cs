using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>A config leaf of type <typeparamref name="T"/>: how to read it and how to set it.</summary>
internal sealed class ConfigField<T>(string path, ValueReader<T> reader, Func<TrialConfig, T, TrialConfig> set)
    : ConfigField(path) where T : notnull
{
    public override NumberKind NumberKind { get; } =
        typeof(T) == typeof(int) ? NumberKind.Integer : typeof(T) == typeof(double) ? NumberKind.Real : NumberKind.None;

    public override Assignment? Read(YamlNode node, string keyPath, SpecErrorList errors) =>
        reader.TryRead(node, keyPath, errors, out var value) ? Assign(value, node, keyPath) : null;

    public override Assignment? FromNumber(double number, YamlNode node, string keyPath, SpecErrorList errors)
    {
        object converted = NumberKind == NumberKind.Integer ? (int)number : (object)number;
        var value = (T)converted;
        if (reader.Check(value) is { } expected)
        {
            errors.Add(node, keyPath, $"expected {expected}, got {ValueText.Format(value)}");
            return null;
        }
        return Assign(value, node, keyPath);
    }

    public override JsonObject Schema() => reader.Schema();

    private Assignment Assign(T value, YamlNode node, string keyPath) =>
        new(SweptValue.Of(Path, value, reader.Format(value)), node, keyPath, config => set(config, value));
}
