using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>A config leaf of type <typeparamref name="T"/>: how to read it and how to set it.</summary>
internal sealed class ConfigField<T>(string path, ValueReader<T> reader, Func<TrialConfig, T, TrialConfig> set)
    : ConfigField(path) where T : notnull
{
    public override Assignment? Read(YamlNode node, string keyPath, SpecErrorList errors) =>
        reader.TryRead(node, keyPath, errors, out var value)
            ? new Assignment(Path, reader.Format(value), node, config => set(config, value))
            : null;
}
