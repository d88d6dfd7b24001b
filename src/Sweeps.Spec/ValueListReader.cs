using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>A non-empty list of distinct values of one config field (<c>values:</c>, a zip member).</summary>
internal static class ValueListReader
{
    /// <returns>The values in file order, or null after reporting every invalid or repeated one.</returns>
    public static IReadOnlyList<Assignment>? Read(ConfigField field, YamlNode node, string keyPath, SpecErrorList errors)
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
        return allValid ? read : null;
    }
}
