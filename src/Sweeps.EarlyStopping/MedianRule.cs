using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>
/// Optuna's MedianPruner, with checkpoint indices as steps. Nothing stops until n_startup_trials other
/// trials have completed (ran to their end; stopped ones do not count, as Optuna ignores pruned trials)
/// nor before checkpoint n_warmup_steps; after that only at checkpoints n_warmup_steps + k * interval_steps.
/// There the trial's best value so far is compared with the median of the completed trials' values at
/// the same checkpoint (those that have it); strictly worse stops. Because the best so far is compared,
/// a trial that peaked and declined is not stopped.
/// </summary>
public sealed class MedianRule(MedianEarlyTerminate settings, SweepMetric metric) : IStoppingRule
{
    public StopDecision? Decide(TrialHistory trial, StudySnapshot study)
    {
        var step = trial.Checkpoints.Length - 1;
        if (step < settings.NWarmupSteps || (step - settings.NWarmupSteps) % settings.IntervalSteps != 0)
            return null;
        var completed = study.OthersThan(trial).Where(t => t.Status == TrialStatus.Completed).ToList();
        if (completed.Count < settings.NStartupTrials)
            return null;
        var atStep = completed.Where(t => t.Checkpoints.Length > step).Select(t => t.Checkpoints[step].Score(metric.Name)).ToList();
        if (atStep.Count == 0)
            return null;
        var median = Numbers.Median(atStep);
        var best = metric.Goal.Best(trial.ScoresOf(metric.Name));
        if (!metric.Goal.Prefers(median, best))
            return null;
        return StopDecision.For(trial, metric.Name, metric.Goal,
            $"median at checkpoint {step}: best {metric.Name} {Numbers.Format(best)} {metric.Goal.WorseSide()} " +
            $"the median {Numbers.Format(median)} of {atStep.Count} completed trials");
    }
}
