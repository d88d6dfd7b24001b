using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>
/// Stops a trial whose metric has peaked (Keras' EarlyStopping, on checkpoints). Patience: the first
/// checkpoint sets the reference; a later checkpoint improves when it beats the reference by more than
/// min_delta (above it for ps/top1/top5, below for loss), and then becomes the reference. The trial
/// stops once its last <c>patience</c> checkpoints all failed to improve. The decision names the
/// trial's best checkpoint by the metric, which the caller keeps as its result.
/// Learned peak (optional): the trials that have ended (completed, or stopped by this rule at what was
/// then their peak), once there are at least <c>min_finished</c> of them, each give the top-1 of their
/// checkpoint of highest PS; the median of those is where PS peaks in this sweep. A running trial whose
/// newest top-1 exceeds it by more than <c>margin</c> points while its newest PS is below its best PS
/// so far is past the peak and stops, without waiting for patience.
/// </summary>
public sealed class PeakRule(PeakEarlyTerminate settings) : IStoppingRule
{
    private readonly MetricGoal _goal = CheckpointMetrics.GoalOf(settings.Metric);

    public StopDecision? Decide(TrialHistory trial, StudySnapshot study) =>
        trial.Checkpoints.IsEmpty ? null : PatienceStop(trial) ?? LearnedPeakStop(trial, study);

    private StopDecision? PatienceStop(TrialHistory trial)
    {
        var values = trial.ScoresOf(settings.Metric);
        var reference = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (_goal.Prefers(values[i], Shifted(values[reference])))
                reference = i;
        }
        var without = values.Count - 1 - reference;
        if (without < settings.Patience)
            return null;
        var best = trial.BestIndex(settings.Metric, _goal);
        return StopDecision.For(trial, settings.Metric, _goal,
            $"peak: {settings.Metric} has not beaten {Numbers.Format(values[reference])} (checkpoint {reference}) by more than " +
            $"{Numbers.Format(settings.MinDelta)} for {without} checkpoints; best {Numbers.Format(values[best])} at checkpoint {best} (step {trial.Checkpoints[best].Step})");
    }

    /// <summary>The value a checkpoint must beat to improve on <paramref name="reference"/>.</summary>
    private double Shifted(double reference) => _goal == MetricGoal.Maximize ? reference + settings.MinDelta : reference - settings.MinDelta;

    private StopDecision? LearnedPeakStop(TrialHistory trial, StudySnapshot study)
    {
        if (settings.LearnedPeak is not { } learned)
            return null;
        var ended = study.OthersThan(trial).Where(t => t.HasEnded && !t.Checkpoints.IsEmpty).ToList();
        if (ended.Count < learned.MinFinished)
            return null;
        var peakTop1 = Numbers.Median(ended.Select(t => t.Checkpoints[t.BestIndex(CheckpointMetrics.Ps, MetricGoal.Maximize)].Score(CheckpointMetrics.Top1)));
        var top1 = trial.Checkpoints[^1].Score(CheckpointMetrics.Top1);
        var bestPs = trial.BestIndex(CheckpointMetrics.Ps, MetricGoal.Maximize);
        var ps = trial.Checkpoints[^1].Score(CheckpointMetrics.Ps);
        var psFalling = ps < trial.Checkpoints[bestPs].Score(CheckpointMetrics.Ps);
        if (top1 <= peakTop1 + learned.Margin || !psFalling)
            return null;
        return StopDecision.For(trial, settings.Metric, _goal,
            $"learned peak: top1 {Numbers.Format(top1)} is more than {Numbers.Format(learned.Margin)} above {Numbers.Format(peakTop1)}, " +
            $"the median top1 at which ps peaked in {ended.Count} ended trials, and ps {Numbers.Format(ps)} is below its best " +
            $"{Numbers.Format(trial.Checkpoints[bestPs].Score(CheckpointMetrics.Ps))} (checkpoint {bestPs})");
    }
}
