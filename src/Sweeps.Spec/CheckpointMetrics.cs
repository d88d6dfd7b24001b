namespace Sweeps.Spec;

/// <summary>
/// The scores every scored checkpoint has, by the names Sweeps.Scoring stores them under: the
/// metrics early stopping can act on.
/// </summary>
public static class CheckpointMetrics
{
    /// <summary>Perceptual Score, percent.</summary>
    public const string Ps = "ps";
    /// <summary>Top-1 accuracy on the val set, percent.</summary>
    public const string Top1 = "top1";
    /// <summary>Top-5 accuracy on the val set, percent.</summary>
    public const string Top5 = "top5";
    /// <summary>Mean val cross-entropy.</summary>
    public const string Loss = "loss";

    public static readonly IReadOnlyList<string> Names = [Ps, Top1, Top5, Loss];

    /// <summary>The direction in which a metric improves: only the loss is better low.</summary>
    public static MetricGoal GoalOf(string metric) => metric == Loss ? MetricGoal.Minimize : MetricGoal.Maximize;

    /// <summary>The metric a trial's best checkpoint is chosen by: the sweep's, when it names a checkpoint
    /// metric; else the study's own, the Perceptual Score (higher is better).</summary>
    public static SweepMetric ObjectiveOf(SweepDefinition sweep) =>
        sweep.Metric is { } named && Names.Contains(named.Name) ? named : new SweepMetric(Ps, MetricGoal.Maximize);
}
