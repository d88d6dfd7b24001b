using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Questions about representation-model nodes that every reader asks.</summary>
internal static class YamlNodes
{
    private static readonly HashSet<string> NullSpellings = ["", "~", "null", "Null", "NULL"];

    /// <summary>An absent value (<c>key:</c>, <c>~</c>, <c>null</c>); quoted text is never null.</summary>
    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && NullSpellings.Contains(scalar.Value ?? "");

    /// <summary>Plain scalars are the only ones YAML reads as numbers or booleans.</summary>
    public static bool IsPlain(YamlScalarNode scalar) => scalar.Style == ScalarStyle.Plain;

    /// <summary>What a node is, for "expected X, got Y" messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar when IsPlain(scalar) => $"'{scalar.Value}'",
        YamlScalarNode scalar => $"the quoted string '{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    /// <summary>Mapping keys must be plain names; anything else is reported and skipped.</summary>
    public static bool TryKeyName(YamlNode key, string parentKeyPath, SpecErrorList errors, out string name)
    {
        if (key is YamlScalarNode scalar && !IsNull(scalar))
        {
            name = scalar.Value!;
            return true;
        }
        errors.Add(key, parentKeyPath, $"expected a key name, got {Describe(key)}");
        name = "";
        return false;
    }

    /// <summary>The node's children in file order, or an error when it is not a mapping.</summary>
    public static bool TryMapping(YamlNode node, string keyPath, string expected, SpecErrorList errors, out YamlMappingNode mapping)
    {
        if (node is YamlMappingNode found)
        {
            mapping = found;
            return true;
        }
        errors.Add(node, keyPath, $"expected {expected}, got {Describe(node)}");
        mapping = new YamlMappingNode();
        return false;
    }
}
