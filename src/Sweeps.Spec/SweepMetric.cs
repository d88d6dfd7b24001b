namespace Sweeps.Spec;

/// <summary>The metric a sweep optimises (W&amp;B's <c>metric: { name, goal }</c>), e.g. <c>ps</c> or <c>top1</c>.</summary>
public sealed record SweepMetric(string Name, MetricGoal Goal);
