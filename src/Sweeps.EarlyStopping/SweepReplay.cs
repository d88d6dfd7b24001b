using System.Collections.Immutable;
using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>
/// Replays a finished sweep under a rule, without training: trials run one after another in the
/// given order. At each checkpoint but its last, a trial is judged on its history up to there against
/// the trials before it only, as they ended under the rule (completed, or stopped and cut at their stop).
/// A stop at a trial's last checkpoint would save nothing, so the rule is not asked there. A trial's
/// cost is the training images up to its last kept checkpoint.
/// </summary>
public static class SweepReplay
{
    /// <param name="trials">Each trial's complete history, in the order they ran; every trial needs a checkpoint.</param>
    /// <param name="objective">The metric whose best the sweep reports (the sweep's <c>metric</c>).</param>
    public static ReplayResult Run(IReadOnlyList<TrialHistory> trials, IStoppingRule rule, SweepMetric objective)
    {
        if (trials.Count == 0)
            throw new ArgumentException("there are no trials to replay", nameof(trials));
        if (trials.FirstOrDefault(trial => trial.Checkpoints.IsEmpty) is { } empty)
            throw new ArgumentException($"trial {empty.Order} has no scored checkpoint to replay", nameof(trials));
        var before = new List<TrialHistory>();
        var replayed = new List<TrialReplay>();
        foreach (var trial in trials)
        {
            var study = new StudySnapshot(before);
            var (stop, decision) = FirstStop(trial, rule, study);
            var kept = stop is { } at ? at + 1 : trial.Checkpoints.Length;
            var ended = new TrialHistory(trial.Order, stop is null ? TrialStatus.Completed : TrialStatus.Stopped, trial.Checkpoints.Take(kept));
            before.Add(ended);
            replayed.Add(new TrialReplay(trial.Order, stop, decision,
                ImagesTrained: ended.Checkpoints[^1].Images,
                ImagesInFull: trial.Checkpoints[^1].Images,
                BestUnderRule: objective.Goal.Best(ended.ScoresOf(objective.Name)),
                BestInFull: objective.Goal.Best(trial.ScoresOf(objective.Name))));
        }
        return new ReplayResult([.. replayed], objective);
    }

    private static (int? Checkpoint, StopDecision? Decision) FirstStop(TrialHistory trial, IStoppingRule rule, StudySnapshot study)
    {
        for (var count = 1; count < trial.Checkpoints.Length; count++)
        {
            var sofar = new TrialHistory(trial.Order, TrialStatus.Running, trial.Checkpoints.Take(count));
            if (rule.Decide(sofar, study) is { } decision)
                return (count - 1, decision);
        }
        return (null, null);
    }
}
