using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>A mapping with a fixed set of keys (<c>metric</c>, <c>early_terminate</c>); unknown keys are reported with a suggestion.</summary>
internal sealed class KeyedMapping
{
    private readonly Dictionary<string, YamlNode> _values = [];

    private KeyedMapping(YamlNode node, string keyPath) => (Node, KeyPath) = (node, keyPath);

    public YamlNode Node { get; }

    public string KeyPath { get; }

    /// <returns>The mapping, or null after reporting that the node is not one.</returns>
    public static KeyedMapping? Read(YamlNode node, string keyPath, IReadOnlyList<string> allowed, SpecErrorList errors)
    {
        if (!YamlNodes.TryMapping(node, keyPath, $"a mapping with {ValueChecks.Alternatives(allowed)}", errors, out var mapping))
            return null;
        var read = new KeyedMapping(node, keyPath);
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (!YamlNodes.TryKeyName(keyNode, keyPath, errors, out var key))
                continue;
            if (allowed.Contains(key))
                read._values[key] = valueNode;
            else
            {
                errors.Add(keyNode, Spec.KeyPath.Child(keyPath, key), KeySuggestion.UnknownKey(key, allowed));
                read.HasUnknownKeys = true;
            }
        }
        return read;
    }

    /// <summary>True when a key was reported unknown: a "required key is missing" would then repeat it.</summary>
    public bool HasUnknownKeys { get; private set; }

    public bool Has(string key) => _values.ContainsKey(key);

    public YamlNode? NodeOf(string key) => _values.GetValueOrDefault(key);

    /// <returns>The value; <paramref name="fallback"/> when absent or invalid (reported).</returns>
    public T Get<T>(string key, ScalarReader<T> reader, T fallback, SpecErrorList errors) where T : notnull =>
        _values.TryGetValue(key, out var node) && reader.TryRead(node, Spec.KeyPath.Child(KeyPath, key), errors, out var value) ? value : fallback;

    /// <returns>The value; null when absent or invalid (reported).</returns>
    public int? GetInteger(string key, ScalarReader<int> reader, SpecErrorList errors) =>
        _values.TryGetValue(key, out var node) && reader.TryRead(node, Spec.KeyPath.Child(KeyPath, key), errors, out var value) ? value : null;
}
