using Sweeps.EarlyStopping;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// Asks a sweep's <c>early_terminate</c> rule whether its running trials should stop, and records each stop as a
/// request (<see cref="TrialQueue.RequestStopAsync"/>) that the trial's holder acts on at its next check. The rule
/// reads immutable snapshots of the stored histories of every trial of the sweep, so whichever process asks, on
/// whichever box, gets the same answer, and the conditional write records one stop per trial however many ask.
/// Two callers: the cluster's <see cref="JudgeRunningTrialsJob"/> for every running trial, and a trial's holder
/// after each of its scored checkpoints, which also marks its best checkpoint. A trial listed by several sweeps
/// follows the sweep that created it.
/// </summary>
public sealed class EarlyStoppingJudge(StoredSweepDefinitions definitions, ResultStore results, TrialQueue queue)
{
    /// <summary>The holder's judgement after a scored checkpoint: marks the trial's best checkpoint by its sweep's
    /// metric, records a stop when the rule says so, and tells whether a stop is recorded (by it or by the job).</summary>
    public async Task<bool> JudgeHeldAsync(ClaimedTrial trial, CancellationToken ct)
    {
        var sweep = await definitions.GetAsync(trial.SweepId, ct);
        var histories = await results.GetScoreHistoriesAsync(trial.SweepId, ct);
        var stored = histories.Single(h => h.TrialId == trial.Id);
        var own = StudyHistories.ToSnapshot(stored);
        if (own.Checkpoints.IsEmpty) return false;

        var decision = sweep.EarlyTerminate is null ? null : Decide(sweep, own, new StudySnapshot(histories.Select(StudyHistories.ToSnapshot)));
        var objective = CheckpointMetrics.ObjectiveOf(sweep);
        // A peak rule names the checkpoint it stops past; otherwise the best by the sweep's metric.
        int best = stored.Checkpoints[decision?.BestCheckpoint ?? own.BestIndex(objective.Name, objective.Goal)].CheckpointId;
        await results.MarkBestCheckpointAsync(trial.Claim, best, ct);
        if (decision is not null)
            await queue.RequestStopAsync(trial.Id, trial.Attempt, decision.Reason, best, ct);
        return await queue.GetRequestAsync(trial.Id, ct) == OperatorRequest.Stop;
    }

    /// <summary>The cluster's judgement: every running trial nothing was asked of yet whose current attempt has
    /// recorded a checkpoint (<see cref="TrialQueue.GetRunningToJudgeAsync"/>), against its sweep's rule.
    /// Returns the stops this call recorded.</summary>
    public async Task<IReadOnlyList<(int TrialId, string Reason)>> JudgeRunningAsync(CancellationToken ct)
    {
        var recorded = new List<(int, string)>();
        foreach (var bySweep in (await queue.GetRunningToJudgeAsync(ct)).GroupBy(t => t.SweepId))
        {
            var sweep = await definitions.GetAsync(bySweep.Key, ct);
            if (sweep.EarlyTerminate is null) continue;
            var histories = await results.GetScoreHistoriesAsync(bySweep.Key, ct);
            var snapshots = histories.ToDictionary(h => h.TrialId, StudyHistories.ToSnapshot);
            var study = new StudySnapshot(snapshots.Values);
            foreach (var running in bySweep)
            {
                var stored = histories.Single(h => h.TrialId == running.TrialId);
                var own = snapshots[running.TrialId];
                if (own.Checkpoints.IsEmpty || Decide(sweep, own, study) is not { } decision) continue;
                if (await queue.RequestStopAsync(running.TrialId, running.Attempt, decision.Reason, stored.Checkpoints[decision.BestCheckpoint].CheckpointId, ct))
                    recorded.Add((running.TrialId, decision.Reason));
            }
        }
        return recorded;
    }

    private static StopDecision? Decide(SweepDefinition sweep, TrialHistory trial, StudySnapshot study) =>
        sweep.EarlyTerminate is { } settings ? StoppingRules.Create(settings, sweep.Metric).Decide(trial, study) : null;
}
