using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Reads the W&amp;B top-level blocks <c>metric</c> and <c>early_terminate</c>.</summary>
internal static class TopLevelReaders
{
    private static readonly ScalarReader<string> MetricName = ValueReaders.Text(ValueChecks.NonEmpty);
    private static readonly ScalarReader<string> Goal = ValueReaders.Text(ValueChecks.OneOf("maximize", "minimize"));
    private static readonly ScalarReader<string> TerminationType = ValueReaders.Text(ValueChecks.OneOf("hyperband"));
    private static readonly ScalarReader<int> Iterations = ValueReaders.Integer(ValueChecks.AtLeast(1));
    private static readonly ScalarReader<int> HalvingRate = ValueReaders.Integer(ValueChecks.AtLeast(2));
    private static readonly ScalarReader<bool> Flag = ValueReaders.Boolean();

    public static readonly string[] MetricKeys = ["name", "goal"];
    public static readonly string[] EarlyTerminateKeys = ["type", "min_iter", "max_iter", "s", "eta", "strict"];

    /// <returns>The metric, or null when it is invalid (reported).</returns>
    public static SweepMetric? Metric(YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (KeyedMapping.Read(node, keyPath, MetricKeys, errors) is not { } metric)
            return null;
        if (!metric.Has("name") && !metric.HasUnknownKeys)
            errors.Add(node, keyPath, "required key 'name' is missing");
        var name = metric.Get("name", MetricName, "", errors);
        var goal = metric.Get("goal", Goal, "minimize", errors);
        return name.Length > 0 ? new SweepMetric(name, goal == "maximize" ? MetricGoal.Maximize : MetricGoal.Minimize) : null;
    }

    /// <returns>The settings, or null when they are invalid (reported).</returns>
    public static EarlyTerminate? EarlyTermination(YamlNode node, string keyPath, SpecErrorList errors)
    {
        if (KeyedMapping.Read(node, keyPath, EarlyTerminateKeys, errors) is not { } block)
            return null;
        var errorsBefore = errors.Count;
        if (!block.Has("type") && !block.HasUnknownKeys)
            errors.Add(node, keyPath, "required key 'type' is missing");
        var type = block.Get("type", TerminationType, "hyperband", errors);
        var minIter = block.GetInteger("min_iter", Iterations, errors);
        var maxIter = block.GetInteger("max_iter", Iterations, errors);
        var brackets = block.GetInteger("s", Iterations, errors);
        var eta = block.Get("eta", HalvingRate, 3, errors);
        var strict = block.Get("strict", Flag, false, errors);
        if (!block.Has("min_iter") && !block.Has("max_iter"))
            errors.Add(node, keyPath, "hyperband needs 'min_iter' or 'max_iter'");
        if (block.Has("s") && !block.Has("max_iter"))
            errors.Add(block.NodeOf("s")!, KeyPath.Child(keyPath, "s"), "only used with 'max_iter'");
        if (minIter > maxIter)
            errors.Add(block.NodeOf("max_iter")!, KeyPath.Child(keyPath, "max_iter"), $"expected an integer >= min_iter ({minIter}), got {maxIter}");
        return errors.Count > errorsBefore ? null : new EarlyTerminate(type, minIter, maxIter, brackets, eta, strict);
    }
}
