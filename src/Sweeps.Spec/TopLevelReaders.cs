using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Reads the W&amp;B top-level block <c>metric</c> (<c>early_terminate</c>: <see cref="EarlyTerminateReader"/>).</summary>
internal static class TopLevelReaders
{
    private static readonly ScalarReader<string> MetricName = ValueReaders.Text(ValueChecks.NonEmpty);
    private static readonly ScalarReader<string> Goal = ValueReaders.Text(ValueChecks.OneOf("maximize", "minimize"));

    public static readonly string[] MetricKeys = ["name", "goal"];

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
}
