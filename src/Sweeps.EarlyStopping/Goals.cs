using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>Comparisons that respect a metric's goal.</summary>
internal static class Goals
{
    /// <summary>True when <paramref name="candidate"/> is strictly better than <paramref name="than"/>.</summary>
    public static bool Prefers(this MetricGoal goal, double candidate, double than) =>
        goal == MetricGoal.Maximize ? candidate > than : candidate < than;

    public static double Best(this MetricGoal goal, IEnumerable<double> values) =>
        goal == MetricGoal.Maximize ? values.Max() : values.Min();

    /// <summary>"below" a threshold for a metric that should be high, "above" for one that should be low.</summary>
    public static string WorseSide(this MetricGoal goal) => goal == MetricGoal.Maximize ? "below" : "above";
}
