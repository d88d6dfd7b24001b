using Sweeps.Spec;

namespace Sweeps.EarlyStopping.Tests;

/// <summary>Hand-made trial histories: checkpoint i is at step 1000 * (i + 1) after 100 * (i + 1) images.</summary>
internal static class Histories
{
    public static TrialHistory Trial(int order, TrialStatus status, string metric, params double[] values) =>
        new(order, status, values.Select((value, i) => Checkpoint(i, new Dictionary<string, double> { [metric] = value })));

    public static TrialHistory TopAndPs(int order, TrialStatus status, params (double Top1, double Ps)[] points) =>
        new(order, status, points.Select((point, i) => Checkpoint(i, new Dictionary<string, double>
        {
            [CheckpointMetrics.Top1] = point.Top1,
            [CheckpointMetrics.Ps] = point.Ps,
        })));

    /// <summary>The trial as it stood, running, after its first <paramref name="count"/> checkpoints.</summary>
    public static TrialHistory FirstCheckpoints(this TrialHistory trial, int count) =>
        new(trial.Order, TrialStatus.Running, trial.Checkpoints.Take(count));

    public static StudySnapshot Study(params TrialHistory[] trials) => new(trials);

    private static ScoredCheckpoint Checkpoint(int index, Dictionary<string, double> scores) => new(1000L * (index + 1), 100L * (index + 1), scores);
}
