using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads a block of settings (<c>base</c>, or one entry of <c>trials</c>). Keys may be nested
/// sections (<c>model: { depth: 6 }</c>), dotted paths (<c>model.depth: 6</c>), or a mix.
/// </summary>
internal static class AssignmentReader
{
    /// <returns>The valid settings in file order; invalid ones are reported and left out.</returns>
    public static IReadOnlyList<Assignment> Read(YamlNode block, string keyPath, SpecErrorList errors) =>
        Read(block, keyPath, new SeenPaths(errors), errors);

    /// <param name="seen">Paths already set elsewhere that this block may not set again.</param>
    public static IReadOnlyList<Assignment> Read(YamlNode block, string keyPath, SeenPaths seen, SpecErrorList errors)
    {
        var assignments = new List<Assignment>();
        Collect(block, "", keyPath, seen, assignments, errors);
        return assignments;
    }

    private static void Collect(YamlNode node, string pathPrefix, string keyPath, SeenPaths seen, List<Assignment> into, SpecErrorList errors) =>
        ConfigSchemaWalk.Mapping(node, pathPrefix, keyPath, "a mapping of settings", errors,
            onSetting: (field, keyNode, valueNode, path, childKeyPath) =>
            {
                if (seen.Claim(path, keyNode, childKeyPath) && field.Read(valueNode, childKeyPath, errors) is { } assignment)
                    into.Add(assignment);
            },
            onSection: (valueNode, path, childKeyPath) => Collect(valueNode, path + ".", childKeyPath, seen, into, errors));
}
