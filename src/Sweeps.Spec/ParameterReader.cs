using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads <c>parameters</c>: dotted path -> parameter block (see <see cref="ParameterBlockReader"/>).
/// The W&amp;B nested spelling <c>model: { parameters: { width: {...} } }</c> means <c>model.width</c>.
/// </summary>
internal static class ParameterReader
{
    private const string NestedKey = "parameters";

    /// <param name="listsTrials">See <see cref="ParameterBlockReader.Read"/>.</param>
    /// <param name="seen">Paths already set elsewhere that these parameters may not set again.</param>
    /// <returns>The valid parameters in file order; invalid ones are reported and left out.</returns>
    public static IReadOnlyList<ParameterAxis> Read(YamlNode parameters, string keyPath, bool listsTrials, SeenPaths seen, SpecErrorList errors)
    {
        var axes = new List<ParameterAxis>();
        Collect(parameters, "", keyPath, new Context(listsTrials, seen, axes, errors));
        return axes;
    }

    private sealed record Context(bool ListsTrials, SeenPaths Seen, List<ParameterAxis> Into, SpecErrorList Errors);

    private static void Collect(YamlNode node, string pathPrefix, string keyPath, Context context) =>
        ConfigSchemaWalk.Mapping(node, pathPrefix, keyPath, "a mapping of parameters", context.Errors,
            onSetting: (field, keyNode, valueNode, path, childKeyPath) =>
            {
                if (context.Seen.Claim(path, keyNode, childKeyPath)
                    && ParameterBlockReader.Read(field, valueNode, childKeyPath, context.ListsTrials, context.Errors) is { } axis)
                    context.Into.Add(axis);
            },
            onSection: (valueNode, path, childKeyPath) => CollectNested(valueNode, path, childKeyPath, context));

    /// <summary>A section key (<c>model:</c>) whose mapping holds only <c>parameters:</c>.</summary>
    private static void CollectNested(YamlNode node, string sectionPath, string keyPath, Context context)
    {
        var errors = context.Errors;
        if (!YamlNodes.TryMapping(node, keyPath, $"a mapping with '{NestedKey}'", errors, out var mapping))
            return;
        var found = false;
        var misspelt = false;
        foreach (var (keyNode, valueNode) in mapping)
        {
            if (!YamlNodes.TryKeyName(keyNode, keyPath, errors, out var key))
                misspelt = true;
            else if (key == NestedKey)
            {
                found = true;
                Collect(valueNode, sectionPath + ".", KeyPath.Child(keyPath, key), context);
            }
            else
            {
                errors.Add(keyNode, KeyPath.Child(keyPath, key), NotNestedMessage(sectionPath, key));
                misspelt = true;
            }
        }
        // A misspelt key was already reported; saying the right one is missing would repeat it.
        if (!found && !misspelt)
            errors.Add(node, keyPath, $"expected '{NestedKey}' holding the {sectionPath} settings to vary");
    }

    /// <summary><c>data: { crop: {...} }</c> is a likely slip for the nested or the dotted spelling.</summary>
    private static string NotNestedMessage(string sectionPath, string key) =>
        ConfigSchema.Find($"{sectionPath}.{key}") is { } field
            ? $"unknown key; nest it as '{sectionPath}: {{ {NestedKey}: {{ {key}: ... }} }}' or write '{field.Path}' directly under parameters"
            : KeySuggestion.UnknownKey(key, [NestedKey]);
}
