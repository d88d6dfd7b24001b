using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads a block of settings (<c>base</c>, or one entry of <c>trials</c>). Keys may be nested
/// sections (<c>model: { depth: 6 }</c>), dotted paths (<c>model.depth: 6</c>), or a mix.
/// </summary>
internal static class AssignmentReader
{
    /// <returns>The valid settings in file order; invalid ones are reported and left out.</returns>
    public static IReadOnlyList<Assignment> Read(YamlNode block, string keyPath, SpecErrorList errors)
    {
        var assignments = new List<Assignment>();
        Collect(block, "", keyPath, new SeenPaths(errors), assignments, errors);
        return assignments;
    }

    private static void Collect(YamlNode node, string pathPrefix, string keyPath, SeenPaths seen, List<Assignment> into, SpecErrorList errors)
    {
        if (!YamlNodes.TryMapping(node, keyPath, "a mapping of settings", errors, out var mapping))
            return;
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (!YamlNodes.TryKeyName(keyNode, keyPath, errors, out var key))
                continue;
            var path = pathPrefix + key;
            var childKeyPath = KeyPath.Child(keyPath, key);
            if (ConfigSchema.Find(path) is { } field)
            {
                if (seen.Claim(path, keyNode, childKeyPath) && field.Read(valueNode, childKeyPath, errors) is { } assignment)
                    into.Add(assignment);
            }
            else if (ConfigSchema.IsSection(path))
                Collect(valueNode, path + ".", childKeyPath, seen, into, errors);
            else
                errors.Add(keyNode, childKeyPath, KeySuggestion.UnknownKey(key, ConfigSchema.KeysUnder(pathPrefix)));
        }
    }
}
