using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads one parameter's block: <c>{ values: [...] }</c> (each value is a grid axis point) or
/// <c>{ value: x }</c> (fixed). Every value is validated as the parameter's type and range.
/// </summary>
internal static class ParameterBlockReader
{
    private const string ValuesKey = "values";
    private const string ValueKey = "value";
    private static readonly string[] BlockKeys = [ValuesKey, ValueKey];

    /// <returns>The axis, or null after reporting why the block is invalid.</returns>
    public static ParameterAxis? Read(ConfigField field, YamlNode block, string keyPath, SpecErrorList errors)
    {
        if (!YamlNodes.TryMapping(block, keyPath, $"a mapping with '{ValuesKey}' or '{ValueKey}'", errors, out var mapping))
            return null;

        YamlNode? values = null, value = null;
        var misspelt = false;
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (!YamlNodes.TryKeyName(keyNode, keyPath, errors, out var key))
                misspelt = true;
            else if (key == ValuesKey)
                values = valueNode;
            else if (key == ValueKey)
                value = valueNode;
            else
            {
                errors.Add(keyNode, KeyPath.Child(keyPath, key), KeySuggestion.UnknownKey(key, BlockKeys));
                misspelt = true;
            }
        }

        if (values is not null && value is not null)
        {
            errors.Add(block, keyPath, $"expected either '{ValuesKey}' or '{ValueKey}', not both");
            return null;
        }
        if (values is not null)
            return ReadValues(field, values, KeyPath.Child(keyPath, ValuesKey), errors);
        if (value is not null)
            return field.Read(value, KeyPath.Child(keyPath, ValueKey), errors) is { } fixedValue
                ? new ParameterAxis([fixedValue], IsVaried: false)
                : null;
        // A misspelt key was already reported; saying the right one is missing would repeat it.
        if (!misspelt)
            errors.Add(block, keyPath, $"expected '{ValuesKey}' or '{ValueKey}'");
        return null;
    }

    private static ParameterAxis? ReadValues(ConfigField field, YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            errors.Add(node, keyPath, $"expected a non-empty list, got {(node is YamlSequenceNode ? "an empty list" : YamlNodes.Describe(node))}");
            return null;
        }

        var read = new List<Assignment>();
        var allValid = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemKeyPath = KeyPath.Item(keyPath, i);
            if (field.Read(list.Children[i], itemKeyPath, errors) is not { } assignment)
                allValid = false;
            else if (read.Find(earlier => earlier.ValueText == assignment.ValueText) is { } earlier)
            {
                errors.Add(assignment.Node, itemKeyPath,
                    $"duplicate value {assignment.ValueText} (first at line {earlier.Node.Start.Line}, column {earlier.Node.Start.Column})");
                allValid = false;
            }
            else
                read.Add(assignment);
        }
        return allValid ? new ParameterAxis(read, IsVaried: true) : null;
    }
}
