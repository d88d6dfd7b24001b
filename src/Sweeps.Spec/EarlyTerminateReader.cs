using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reads <c>early_terminate</c>: its <c>type</c> decides which keys are allowed, so the type is read
/// first; with no valid type, only keys unknown to every type are reported.
/// </summary>
internal static class EarlyTerminateReader
{
    public const string TypeKey = "type";
    public const string LearnedPeakKey = "learned_peak";

    public static readonly string[] TypeNames = ["hyperband", "peak", "median"];
    public static readonly string[] HyperbandKeys = [TypeKey, "min_iter", "max_iter", "s", "eta", "strict"];
    public static readonly string[] PeakKeys = [TypeKey, "metric", "patience", "min_delta", LearnedPeakKey];
    public static readonly string[] LearnedPeakKeys = ["margin", "min_finished"];
    public static readonly string[] MedianKeys = [TypeKey, "n_startup_trials", "n_warmup_steps", "interval_steps"];
    private static readonly string[] AnyTypeKeys = [.. HyperbandKeys.Union(PeakKeys).Union(MedianKeys)];

    public const int DefaultEta = 3;
    // W&B's schema.json gives strict the default true.
    public const bool DefaultStrict = true;
    public const double DefaultMinDelta = 0;
    public const int DefaultMinFinished = 2;
    // Optuna's MedianPruner defaults.
    public const int DefaultStartupTrials = 5;
    public const int DefaultWarmupSteps = 0;
    public const int DefaultIntervalSteps = 1;

    private static readonly ScalarReader<string> TypeName = ValueReaders.Text();
    public static readonly ScalarReader<int> Iterations = ValueReaders.Integer(ValueChecks.AtLeast(1));
    public static readonly ScalarReader<int> HalvingRate = ValueReaders.Integer(ValueChecks.AtLeast(2));
    public static readonly ScalarReader<bool> Flag = ValueReaders.Boolean();
    public static readonly ScalarReader<string> PeakMetric = ValueReaders.Text(ValueChecks.OneOf([.. CheckpointMetrics.Names]));
    public static readonly ScalarReader<int> Patience = ValueReaders.Integer(ValueChecks.AtLeast(1));
    public static readonly ScalarReader<double> NonNegativeNumber = ValueReaders.Number(ValueChecks.AtLeast(0.0));
    public static readonly ScalarReader<int> MinFinished = ValueReaders.Integer(ValueChecks.AtLeast(1));
    public static readonly ScalarReader<int> Count = ValueReaders.Integer(ValueChecks.AtLeast(0));
    public static readonly ScalarReader<int> Interval = ValueReaders.Integer(ValueChecks.AtLeast(1));

    /// <returns>The settings, or null when they are invalid (reported).</returns>
    public static EarlyTerminate? Read(YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (!YamlNodes.TryMapping(node, keyPath, $"a mapping with '{TypeKey}' ({ValueChecks.Alternatives(TypeNames)}) and its settings", errors, out var mapping))
            return null;
        var errorsBefore = errors.Count;
        EarlyTerminate? read = ReadType(node, mapping, keyPath, errors) switch
        {
            "hyperband" => Hyperband(node, keyPath, errors),
            "peak" => Peak(node, keyPath, errors),
            "median" => Median(node, keyPath, errors),
            _ => null,
        };
        return errors.Count > errorsBefore ? null : read;
    }

    /// <returns>The type, or null when it is missing or unknown (reported along with keys no type knows).</returns>
    private static string? ReadType(YamlNode node, YamlMappingNode mapping, string keyPath, SpecErrorList errors)
    {
        var typeKeyPath = KeyPath.Child(keyPath, TypeKey);
        var typeNode = mapping.Children.FirstOrDefault(entry => entry.Key is YamlScalarNode { Value: TypeKey }).Value;
        if (typeNode is not null && TypeName.TryRead(typeNode, typeKeyPath, errors, out var type))
        {
            if (TypeNames.Contains(type))
                return type;
            errors.Add(typeNode, typeKeyPath, KeySuggestion.UnknownKey(type, TypeNames).Replace("unknown key", "unknown type", StringComparison.Ordinal));
        }
        var block = KeyedMapping.Read(node, keyPath, AnyTypeKeys, errors);
        if (typeNode is null && block is { HasUnknownKeys: false })
            errors.Add(node, keyPath, $"required key '{TypeKey}' is missing");
        return null;
    }

    private static HyperbandEarlyTerminate? Hyperband(YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (KeyedMapping.Read(node, keyPath, HyperbandKeys, errors) is not { } block)
            return null;
        var minIter = block.GetInteger("min_iter", Iterations, errors);
        var maxIter = block.GetInteger("max_iter", Iterations, errors);
        var bands = block.GetInteger("s", Iterations, errors);
        var eta = block.Get("eta", HalvingRate, DefaultEta, errors);
        var strict = block.Get("strict", Flag, DefaultStrict, errors);
        if (!block.Has("min_iter") && !block.Has("max_iter"))
            errors.Add(node, keyPath, "hyperband needs 'min_iter' or 'max_iter'");
        if (block.Has("s") && !block.Has("max_iter"))
            errors.Add(block.NodeOf("s")!, KeyPath.Child(keyPath, "s"), "only used with 'max_iter'");
        if (block.Has("max_iter") && !block.Has("s"))
            errors.Add(block.NodeOf("max_iter")!, KeyPath.Child(keyPath, "max_iter"), "needs 's', the number of bands below max_iter (as in W&B)");
        if (minIter > maxIter)
            errors.Add(block.NodeOf("max_iter")!, KeyPath.Child(keyPath, "max_iter"), $"expected an integer >= min_iter ({minIter}), got {maxIter}");
        // W&B rejects a max_iter that leaves no band: the first band is max_iter / eta.
        if (maxIter < eta)
            errors.Add(block.NodeOf("max_iter")!, KeyPath.Child(keyPath, "max_iter"), $"expected an integer >= eta ({eta}) so that max_iter / eta gives a band, got {maxIter}");
        return new HyperbandEarlyTerminate(minIter, maxIter, bands, eta, strict);
    }

    private static PeakEarlyTerminate? Peak(YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (KeyedMapping.Read(node, keyPath, PeakKeys, errors) is not { } block)
            return null;
        foreach (var required in new[] { "metric", "patience" }.Where(key => !block.Has(key) && !block.HasUnknownKeys))
            errors.Add(node, keyPath, $"required key '{required}' is missing");
        var metric = block.Get("metric", PeakMetric, "", errors);
        var patience = block.Get("patience", Patience, 0, errors);
        var minDelta = block.Get("min_delta", NonNegativeNumber, DefaultMinDelta, errors);
        var learnedPeak = block.NodeOf(LearnedPeakKey) is { } learnedNode ? ReadLearnedPeak(learnedNode, KeyPath.Child(keyPath, LearnedPeakKey), errors) : null;
        return new PeakEarlyTerminate(metric, patience, minDelta, learnedPeak);
    }

    private static LearnedPeak? ReadLearnedPeak(YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (KeyedMapping.Read(node, keyPath, LearnedPeakKeys, errors) is not { } block)
            return null;
        if (!block.Has("margin") && !block.HasUnknownKeys)
            errors.Add(node, keyPath, "required key 'margin' is missing");
        var margin = block.Get("margin", NonNegativeNumber, 0.0, errors);
        var minFinished = block.Get("min_finished", MinFinished, DefaultMinFinished, errors);
        return new LearnedPeak(margin, minFinished);
    }

    private static MedianEarlyTerminate? Median(YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (KeyedMapping.Read(node, keyPath, MedianKeys, errors) is not { } block)
            return null;
        return new MedianEarlyTerminate(
            block.Get("n_startup_trials", Count, DefaultStartupTrials, errors),
            block.Get("n_warmup_steps", Count, DefaultWarmupSteps, errors),
            block.Get("interval_steps", Interval, DefaultIntervalSteps, errors));
    }
}
