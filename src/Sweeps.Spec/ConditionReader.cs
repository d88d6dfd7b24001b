using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads <c>conditions</c>: a list of <c>{ when: {settings}, base: {settings}, parameters: {...}, zip: {...} }</c>.
/// A condition may not set what a <c>when</c> tests (conditions would then depend on their order),
/// what <c>parameters</c> or <c>zip</c> vary, or <c>model.preset</c>.
/// </summary>
internal static class ConditionReader
{
    private const string WhenKey = "when";
    private const string BaseKey = "base";
    private const string ParametersKey = "parameters";
    private const string ZipKey = "zip";
    private static readonly string[] EntryKeys = [WhenKey, BaseKey, ParametersKey, ZipKey];

    /// <param name="varied">The paths the top-level parameters and zip vary.</param>
    public static IReadOnlyList<Condition> Read(YamlNode conditions, string keyPath, SeenPaths varied, bool listsTrials, SpecErrorList errors)
    {
        if (conditions is not YamlSequenceNode list || list.Children.Count == 0)
        {
            errors.Add(conditions, keyPath, $"expected a non-empty list of conditions, got {(conditions is YamlSequenceNode ? "an empty list" : YamlNodes.Describe(conditions))}");
            return [];
        }

        var entries = list.Children
            .Select((entry, i) => KeyedMapping.Read(entry, KeyPath.Item(keyPath, i), EntryKeys, errors))
            .OfType<KeyedMapping>()
            .ToList();
        var tests = entries.Select(entry => ReadWhen(entry, errors)).ToList();
        var reserved = varied.Copy(errors);
        foreach (var test in tests.SelectMany(t => t))
            reserved.Reserve(test.Path, $"{test.Path} is tested by a condition at {SeenPaths.Place(test.Node.Start)}, so no condition may set it");
        reserved.Reserve(ModelPresets.Path, $"a condition may not set {ModelPresets.Path}; set the model fields it stands for");

        return entries.Select((entry, i) => ReadBody(entry, tests[i], reserved.Copy(errors), listsTrials, errors)).ToList();
    }

    private static Condition ReadBody(KeyedMapping entry, IReadOnlyList<Assignment> tests, SeenPaths seen, bool listsTrials, SpecErrorList errors)
    {
        var baseSettings = entry.NodeOf(BaseKey) is { } baseNode
            ? AssignmentReader.Read(baseNode, KeyPath.Child(entry.KeyPath, BaseKey), seen, errors)
            : [];
        IReadOnlyList<ParameterAxis> axes =
        [
            .. entry.NodeOf(ParametersKey) is { } parameters
                ? ParameterReader.Read(parameters, KeyPath.Child(entry.KeyPath, ParametersKey), listsTrials, seen, errors)
                : [],
            .. entry.NodeOf(ZipKey) is { } zip ? ZipReader.Read(zip, KeyPath.Child(entry.KeyPath, ZipKey), seen, errors) : [],
        ];
        if (!entry.Has(BaseKey) && !entry.Has(ParametersKey) && !entry.Has(ZipKey) && !entry.HasUnknownKeys)
            errors.Add(entry.Node, entry.KeyPath, $"expected '{BaseKey}', '{ParametersKey}' or '{ZipKey}' to apply when the condition holds");
        return new Condition(tests, baseSettings, axes, entry.Node);
    }

    private static IReadOnlyList<Assignment> ReadWhen(KeyedMapping entry, SpecErrorList errors)
    {
        if (entry.NodeOf(WhenKey) is not { } when)
        {
            if (!entry.HasUnknownKeys)
                errors.Add(entry.Node, entry.KeyPath, $"required key '{WhenKey}' is missing");
            return [];
        }
        var whenKeyPath = KeyPath.Child(entry.KeyPath, WhenKey);
        if (when is YamlMappingNode { Children.Count: 0 })
            errors.Add(when, whenKeyPath, "expected at least one setting to test, got an empty mapping");
        return AssignmentReader.Read(when, whenKeyPath, errors);
    }
}
