namespace Sweeps.Spec;

/// <summary>Whether a sweep's metric is better high or low (W&amp;B's <c>goal</c>; its default is minimize).</summary>
public enum MetricGoal
{
    Minimize,
    Maximize,
}
