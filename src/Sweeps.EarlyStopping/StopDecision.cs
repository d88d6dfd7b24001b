namespace Sweeps.EarlyStopping;

/// <summary>
/// Stop the trial at its newest checkpoint. <see cref="BestCheckpoint"/> (an index into its history)
/// and <see cref="BestStep"/> name its best checkpoint by the rule's metric, so the caller can mark it
/// (a peak-aware stop keeps the peak, not the last checkpoint).
/// </summary>
/// <param name="Reason">For people, e.g. "hyperband band 3: ps 41.2 below threshold 47.9 ...".</param>
public sealed record StopDecision(string Reason, int BestCheckpoint, long BestStep)
{
    internal static StopDecision For(TrialHistory trial, string metric, Spec.MetricGoal goal, string reason)
    {
        var best = trial.BestIndex(metric, goal);
        return new StopDecision(reason, best, trial.Checkpoints[best].Step);
    }
}
