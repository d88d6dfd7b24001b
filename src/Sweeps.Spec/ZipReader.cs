using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads <c>zip</c>: one group (a mapping of config path -> list of values) or a list of groups.
/// The parameters of a group move together: the i-th trial point takes the i-th value of each, so a
/// group is one axis of the product and its lists must be equally long.
/// </summary>
internal static class ZipReader
{
    public static IReadOnlyList<ParameterAxis> Read(YamlNode zip, string keyPath, SeenPaths seen, SpecErrorList errors)
    {
        if (zip is not YamlSequenceNode groups)
            return ReadGroup(zip, keyPath, seen, errors) is { } single ? [single] : [];
        if (groups.Children.Count == 0)
            errors.Add(zip, keyPath, "expected a mapping of parameters to zip, or a non-empty list of them, got an empty list");
        return groups.Children
            .Select((group, i) => ReadGroup(group, KeyPath.Item(keyPath, i), seen, errors))
            .OfType<ParameterAxis>()
            .ToList();
    }

    private static ParameterAxis? ReadGroup(YamlNode group, string keyPath, SeenPaths seen, SpecErrorList errors)
    {
        var members = new List<IReadOnlyList<Assignment>>();
        var errorsBefore = errors.Count;
        Collect(group, "", keyPath, seen, members, errors);
        if (errors.Count > errorsBefore)
            return null;
        if (members.Count < 2)
        {
            errors.Add(group, keyPath, $"expected at least two parameters to zip, got {members.Count}");
            return null;
        }
        if (members.Select(m => m.Count).Distinct().Count() > 1)
        {
            var lengths = string.Join(", ", members.Select(m => $"{m[0].Path} has {m.Count}"));
            errors.Add(group, keyPath, $"expected lists of equal length; {lengths}");
            return null;
        }
        var points = Enumerable.Range(0, members[0].Count)
            .Select(i => (IReadOnlyList<Assignment>)members.Select(member => member[i]).ToList())
            .ToList();
        return new ValuesAxis(group.Start, points, isVaried: true);
    }

    private static void Collect(YamlNode node, string pathPrefix, string keyPath, SeenPaths seen,
        List<IReadOnlyList<Assignment>> into, SpecErrorList errors) =>
        ConfigSchemaWalk.Mapping(node, pathPrefix, keyPath, "a mapping of parameters to lists of values", errors,
            onSetting: (field, keyNode, valueNode, path, childKeyPath) =>
            {
                if (seen.Claim(path, keyNode, childKeyPath) && ValueListReader.Read(field, valueNode, childKeyPath, errors) is { } values)
                    into.Add(values);
            },
            onSection: (valueNode, path, childKeyPath) => Collect(valueNode, path + ".", childKeyPath, seen, into, errors));
}
