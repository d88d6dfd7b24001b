using Sweeps.EarlyStopping;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// After each scored checkpoint of a trial: marks its best checkpoint by its sweep's metric and asks its
/// sweep's <c>early_terminate</c> rule whether to stop it. The rule reads immutable snapshots of the
/// stored histories of every trial of the sweep, so whichever worker asks, on whichever box, gets the
/// same answer. A trial listed by several sweeps follows the sweep that created it.
/// </summary>
public sealed class EarlyStoppingJudge(StoredSweepDefinitions definitions, ResultStore results)
{
    /// <returns>The rule's decision to stop the trial, or null to go on.</returns>
    public async Task<StopDecision?> JudgeAsync(ClaimedTrial trial, CancellationToken ct)
    {
        var sweep = await definitions.GetAsync(trial.SweepId, ct);
        var histories = await results.GetScoreHistoriesAsync(trial.SweepId, ct);
        var stored = histories.Single(h => h.TrialId == trial.Id);
        var own = StudyHistories.ToSnapshot(stored);
        if (own.Checkpoints.IsEmpty) return null;

        var metric = CheckpointMetrics.ObjectiveOf(sweep);
        var decision = sweep.EarlyTerminate is { } settings
            ? StoppingRules.Create(settings, sweep.Metric).Decide(own, new StudySnapshot(histories.Select(StudyHistories.ToSnapshot)))
            : null;
        // A peak rule names the checkpoint it stops past; otherwise the best by the sweep's metric.
        int best = decision?.BestCheckpoint ?? own.BestIndex(metric.Name, metric.Goal);
        await results.MarkBestCheckpointAsync(trial.Claim, stored.Checkpoints[best].CheckpointId, ct);
        return decision;
    }
}
