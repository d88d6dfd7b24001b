using Sweeps.Data;
using YamlDotNet.RepresentationModel;
using TopLevelEntries = System.Collections.Generic.Dictionary<string,
    System.Collections.Generic.KeyValuePair<YamlDotNet.RepresentationModel.YamlNode, YamlDotNet.RepresentationModel.YamlNode>>;

namespace Sweeps.Spec;

/// <summary>Reads a sweep file's top level, validates everything, and expands the trials.</summary>
internal static class SweepReader
{
    public const int MaxTrials = 10_000;

    public const string NameKey = "name";
    public const string DescriptionKey = "description";
    public const string MethodKey = "method";
    public const string MetricKey = "metric";
    public const string RunCapKey = "run_cap";
    public const string SeedKey = "seed";
    public const string EarlyTerminateKey = "early_terminate";
    public const string RepeatsKey = "repeats";
    public const string PriorityKey = "priority";
    public const string BaseKey = "base";
    public const string ParametersKey = "parameters";
    public const string ZipKey = "zip";
    public const string ConditionsKey = "conditions";
    public const string TrialsKey = "trials";
    public static readonly string[] TopLevelKeys =
    [
        NameKey, DescriptionKey, MethodKey, MetricKey, RunCapKey, SeedKey, EarlyTerminateKey, RepeatsKey, PriorityKey,
        BaseKey, ParametersKey, ZipKey, ConditionsKey, TrialsKey,
    ];

    public static readonly string[] MethodNames = ["grid", "random", "list"];

    private static readonly ScalarReader<string> NameReader = ValueReaders.Text(ValueChecks.NonEmpty);
    private static readonly ScalarReader<string> DescriptionReader = ValueReaders.Text();
    private static readonly ScalarReader<string> MethodReader = ValueReaders.Text(ValueChecks.OneOf(MethodNames));
    private static readonly ScalarReader<int> RepeatsReader = ValueReaders.Integer(ValueChecks.AtLeast(1));
    public static readonly ScalarReader<int> RunCapReader = ValueReaders.Integer(ValueChecks.AtLeast(1));
    public static readonly ScalarReader<int> SeedReader = ValueReaders.Integer(ValueChecks.AtLeast(0));
    public static readonly ScalarReader<int> PriorityReader = ValueReaders.Integer();

    public static SweepDefinition Read(string yaml, string fileName, SweepValidation validation)
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
        var priority = ReadScalar(entries, PriorityKey, PriorityReader, errors, fallback: 0);
        var metric = entries.TryGetValue(MetricKey, out var metricEntry) ? TopLevelReaders.Metric(metricEntry.Value, MetricKey, errors) : null;
        var earlyTerminate = entries.TryGetValue(EarlyTerminateKey, out var terminateEntry)
            ? EarlyTerminateReader.Read(terminateEntry.Value, EarlyTerminateKey, errors)
            : null;
        CheckComparedMetric(entries, metric, earlyTerminate, errors);
        var (runCap, seed) = ReadRandomSettings(entries, method, errors);
        var baseSettings = entries.TryGetValue(BaseKey, out var baseEntry) ? AssignmentReader.Read(baseEntry.Value, BaseKey, errors) : [];

        var random = new RandomExpansion(new SplitMix64((ulong)(seed ?? 0)), errors);
        var configurations = ReadConfigurations(root, entries, method, runCap, random, baseSettings, errors);
        var trialCount = (long)configurations.Count * repeats;
        if (trialCount > MaxTrials)
        {
            if (!errors.Any)
            {
                var (node, keyPath) = repeats > 1 ? (entries[RepeatsKey].Value, RepeatsKey) : (configurations[0].Source, configurations[0].SourceKeyPath);
                errors.Add(node, keyPath, $"the sweep expands to {trialCount} trials; at most {MaxTrials} are allowed");
            }
            throw errors.ToException();
        }

        var trials = TrialExpansion.Expand(baseSettings, configurations, repeats, entries.GetValueOrDefault(RepeatsKey).Value,
            new TrialChecks(validation, errors), reportDuplicates: !errors.Any, errors);
        errors.ThrowIfAny();
        // An invalid method was reported, so reaching here means it is known.
        return new SweepDefinition(name, description, method ?? SweepMethod.Grid, yaml, trials)
        {
            Repeats = repeats,
            Base = ConfigResolver.Resolve(baseSettings),
            Metric = metric,
            RunCap = runCap,
            Seed = method == SweepMethod.Random ? seed ?? 0 : null,
            EarlyTerminate = earlyTerminate,
            Priority = priority,
        };
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

    /// <summary>Hyperband and median compare trials by the sweep's metric, so it must be one every checkpoint is scored for.</summary>
    private static void CheckComparedMetric(TopLevelEntries entries, SweepMetric? metric, EarlyTerminate? earlyTerminate, SpecErrorList errors)
    {
        if (earlyTerminate is not (HyperbandEarlyTerminate or MedianEarlyTerminate))
            return;
        var terminateKey = entries[EarlyTerminateKey].Key;
        if (!entries.ContainsKey(MetricKey))
            errors.Add(terminateKey, EarlyTerminateKey, $"type {earlyTerminate.Type} compares trials by the sweep's metric; add 'metric: {{ name, goal }}'");
        else if (metric is not null && !CheckpointMetrics.Names.Contains(metric.Name))
            errors.Add(terminateKey, EarlyTerminateKey,
                $"type {earlyTerminate.Type} needs a metric every checkpoint is scored for ({ValueChecks.Alternatives(CheckpointMetrics.Names)}), but metric.name is '{metric.Name}'");
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

    /// <summary><c>run_cap</c> (required) and <c>seed</c> belong to the random method only.</summary>
    private static (int? RunCap, int? Seed) ReadRandomSettings(TopLevelEntries entries, SweepMethod? method, SpecErrorList errors)
    {
        int? runCap = entries.ContainsKey(RunCapKey) ? ReadScalar(entries, RunCapKey, RunCapReader, errors, fallback: 0) : null;
        int? seed = entries.ContainsKey(SeedKey) ? ReadScalar(entries, SeedKey, SeedReader, errors, fallback: 0) : null;
        if (method is { } known && known != SweepMethod.Random)
        {
            foreach (var key in new[] { RunCapKey, SeedKey }.Where(entries.ContainsKey))
                errors.Add(entries[key].Key, key, $"only used by method random; method {known.ToString().ToLowerInvariant()} runs every listed trial");
        }
        if (method == SweepMethod.Random && runCap is null)
            errors.Add(entries[MethodKey].Value, MethodKey, $"'random' needs '{RunCapKey}', the number of trials to draw");
        return (runCap is > 0 ? runCap : null, seed);
    }

    /// <summary>
    /// Reads whichever of parameters, zip, conditions and trials are present, so their own problems
    /// are reported even when the method is invalid, then checks they fit the method and expands them.
    /// </summary>
    private static IReadOnlyList<Configuration> ReadConfigurations(YamlNode root, TopLevelEntries entries, SweepMethod? method, int? runCap,
        RandomExpansion random, IReadOnlyList<Assignment> baseSettings, SpecErrorList errors)
    {
        var listsTrials = method != SweepMethod.Random;
        var varied = new SeenPaths(errors);
        var hasParameters = entries.TryGetValue(ParametersKey, out var parametersEntry);
        var hasZip = entries.TryGetValue(ZipKey, out var zipEntry);
        IReadOnlyList<ParameterAxis> axes =
        [
            .. hasParameters ? ParameterReader.Read(parametersEntry.Value, ParametersKey, listsTrials, varied, errors) : [],
            .. hasZip ? ZipReader.Read(zipEntry.Value, ZipKey, varied, errors) : [],
        ];
        var conditions = entries.TryGetValue(ConditionsKey, out var conditionsEntry)
            ? ConditionReader.Read(conditionsEntry.Value, ConditionsKey, varied, listsTrials, errors)
            : [];
        var hasTrials = entries.TryGetValue(TrialsKey, out var trialsEntry);
        var listed = hasTrials ? TrialListReader.Read(trialsEntry.Value, TrialsKey, errors) : [];

        var (source, sourceKeyPath) = hasParameters ? (parametersEntry.Key, ParametersKey) : hasZip ? (zipEntry.Key, ZipKey) : (root, "");
        IReadOnlyList<Configuration> configurations;
        Func<IReadOnlyList<ParameterAxis>, IReadOnlyList<AxisCombination>> combineConditional = GridExpansion.Combine;
        switch (method)
        {
            case SweepMethod.Grid:
                if (hasTrials)
                    errors.Add(trialsEntry.Key, TrialsKey, "only used by method list; method grid expands 'parameters'");
                var combinations = GridExpansion.Count(axes);
                if (combinations > MaxTrials)
                {
                    errors.Add(source, sourceKeyPath, $"the grid has {combinations} combinations; at most {MaxTrials} are allowed");
                    return [];
                }
                configurations = GridExpansion.Combine(axes).Select(c => new Configuration(c.Settings, c.Varied, source, sourceKeyPath)).ToList();
                break;
            case SweepMethod.Random:
                if (hasTrials)
                    errors.Add(trialsEntry.Key, TrialsKey, "only used by method list; method random draws from 'parameters'");
                // Draws from a partly invalid file would only add a misleading run_cap shortfall.
                configurations = runCap is { } cap && !errors.Any ? random.Expand(axes, cap, entries[RunCapKey].Value, source, sourceKeyPath) : [];
                combineConditional = conditionalAxes => [random.Draw(conditionalAxes)];
                break;
            case SweepMethod.List:
                foreach (var (key, entry) in new[] { (ParametersKey, parametersEntry), (ZipKey, zipEntry) }.Where(e => entries.ContainsKey(e.Item1)))
                    errors.Add(entry.Key, key, "only used by methods grid and random; method list sets values in 'trials'");
                if (!hasTrials)
                    errors.Add(entries[MethodKey].Value, MethodKey, "'list' needs a 'trials' list");
                configurations = listed;
                break;
            default:
                return [];
        }
        return ConditionalExpansion.Expand(baseSettings, configurations, conditions, combineConditional, errors);
    }
}
