using YamlDotNet.RepresentationModel;
using TopLevelEntries = System.Collections.Generic.Dictionary<string,
    System.Collections.Generic.KeyValuePair<YamlDotNet.RepresentationModel.YamlNode, YamlDotNet.RepresentationModel.YamlNode>>;

namespace Sweeps.Spec;

/// <summary>Reads a sweep file's top level, validates everything, and expands the trials.</summary>
internal static class SweepReader
{
    private const int MaxTrials = 10_000;

    private const string NameKey = "name";
    private const string DescriptionKey = "description";
    private const string MethodKey = "method";
    private const string BaseKey = "base";
    private const string ParametersKey = "parameters";
    private const string TrialsKey = "trials";
    private const string RepeatsKey = "repeats";
    private static readonly string[] TopLevelKeys = [NameKey, DescriptionKey, MethodKey, BaseKey, ParametersKey, TrialsKey, RepeatsKey];

    private static readonly ScalarReader<string> NameReader = ValueReaders.Text(ValueChecks.NonEmpty);
    private static readonly ScalarReader<string> DescriptionReader = ValueReaders.Text();
    private static readonly ScalarReader<string> MethodReader = ValueReaders.Text(ValueChecks.OneOf("grid", "list"));
    private static readonly ScalarReader<int> RepeatsReader = ValueReaders.Integer(ValueChecks.AtLeast(1));

    public static SweepDefinition Read(string yaml, string fileName)
    {
        var errors = new SpecErrorList(fileName);
        var root = YamlDocumentLoader.Load(yaml, errors) ?? throw errors.ToException();
        var entries = ReadEntries(root, errors);

        var name = ReadScalar(entries, NameKey, NameReader, errors, fallback: "");
        if (root is YamlMappingNode && !entries.ContainsKey(NameKey))
            errors.Add(root, NameKey, "required key is missing");
        var description = ReadScalar(entries, DescriptionKey, DescriptionReader, errors, fallback: "");
        var method = ReadMethod(entries, errors);
        var repeats = ReadScalar(entries, RepeatsKey, RepeatsReader, errors, fallback: 1);
        var baseConfig = entries.TryGetValue(BaseKey, out var baseEntry)
            ? AssignmentReader.Read(baseEntry.Value, BaseKey, errors).Aggregate(new TrialConfig(), (config, setting) => setting.Apply(config))
            : new TrialConfig();

        var configurations = ReadConfigurations(root, entries, method, errors);
        var trialCount = (long)configurations.Count * repeats;
        if (!errors.Any && trialCount > MaxTrials)
        {
            var (node, keyPath) = repeats > 1 ? (entries[RepeatsKey].Value, RepeatsKey) : (configurations[0].Source, configurations[0].SourceKeyPath);
            errors.Add(node, keyPath, $"the sweep expands to {trialCount} trials; at most {MaxTrials} are allowed");
        }
        errors.ThrowIfAny();

        var trials = TrialExpansion.Expand(baseConfig, configurations, repeats, entries.GetValueOrDefault(RepeatsKey).Value, errors);
        errors.ThrowIfAny();
        // An invalid method was reported, so reaching here means it is known.
        return new SweepDefinition(name, description, method ?? SweepMethod.Grid, yaml, trials);
    }

    private static TopLevelEntries ReadEntries(YamlNode root, SpecErrorList errors)
    {
        var entries = new TopLevelEntries();
        if (!YamlNodes.TryMapping(root, "", $"a mapping with the sweep's keys ({string.Join(", ", TopLevelKeys)})", errors, out var mapping))
            return entries;
        foreach (var entry in mapping)
        {
            if (!YamlNodes.TryKeyName(entry.Key, "", errors, out var key))
                continue;
            if (TopLevelKeys.Contains(key))
                entries.Add(key, entry);
            else
                errors.Add(entry.Key, key, KeySuggestion.UnknownKey(key, TopLevelKeys));
        }
        return entries;
    }

    private static T ReadScalar<T>(TopLevelEntries entries, string key, ScalarReader<T> reader, SpecErrorList errors, T fallback)
        where T : notnull =>
        entries.TryGetValue(key, out var entry) && reader.TryRead(entry.Value, key, errors, out var value) ? value : fallback;

    /// <returns>The method, or null when it was given but invalid (already reported).</returns>
    private static SweepMethod? ReadMethod(TopLevelEntries entries, SpecErrorList errors)
    {
        if (!entries.TryGetValue(MethodKey, out var entry))
            return SweepMethod.Grid;
        return MethodReader.TryRead(entry.Value, MethodKey, errors, out var method)
            ? Enum.Parse<SweepMethod>(method, ignoreCase: true)
            : null;
    }

    /// <summary>
    /// Reads whichever of parameters and trials are present, so their own problems are reported
    /// even when the method is invalid, then checks they fit the method.
    /// </summary>
    private static IReadOnlyList<Configuration> ReadConfigurations(
        YamlNode root, TopLevelEntries entries, SweepMethod? method, SpecErrorList errors)
    {
        var hasParameters = entries.TryGetValue(ParametersKey, out var parametersEntry);
        var axes = hasParameters ? ParameterReader.Read(parametersEntry.Value, ParametersKey, errors) : [];
        var hasTrials = entries.TryGetValue(TrialsKey, out var trialsEntry);
        var listed = hasTrials ? TrialListReader.Read(trialsEntry.Value, TrialsKey, errors) : [];

        switch (method)
        {
            case SweepMethod.Grid:
                if (hasTrials)
                    errors.Add(trialsEntry.Key, TrialsKey, "only used by method list; method grid expands 'parameters'");
                var (source, sourceKeyPath) = hasParameters ? (parametersEntry.Key, ParametersKey) : (root, "");
                var combinations = GridExpansion.Count(axes);
                if (combinations > MaxTrials)
                {
                    errors.Add(source, sourceKeyPath, $"the grid has {combinations} combinations; at most {MaxTrials} are allowed");
                    return [];
                }
                return GridExpansion.Expand(axes, source, sourceKeyPath);
            case SweepMethod.List:
                if (hasParameters)
                    errors.Add(parametersEntry.Key, ParametersKey, "only used by method grid; method list sets values in 'trials'");
                if (!hasTrials)
                    errors.Add(entries[MethodKey].Value, MethodKey, "'list' needs a 'trials' list");
                return listed;
            default:
                return [];
        }
    }
}
