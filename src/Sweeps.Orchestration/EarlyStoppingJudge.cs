using Sweeps.EarlyStopping;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// Asks the <c>early_terminate</c> rules of the sweeps that list a running trial whether it should stop, and records
/// each stop as a request (<see cref="TrialQueue.RequestStopAsync"/>) that the trial's holder acts on at its next
/// check. A rule reads immutable snapshots of the stored histories of every trial of its sweep, so whichever process
/// asks, on whichever box, gets the same answer, and the conditional write records one stop per trial however many
/// ask. A trial that several sweeps list (reused by a later sweep) stops only when every one of them has a rule that
/// says so: a sweep without a rule, or whose rule keeps the trial, wants it trained to the end.
/// Two callers: the cluster's <see cref="JudgeRunningTrialsJob"/> for every running trial, and a trial's holder
/// after each of its scored checkpoints, which also marks its best checkpoint (by its creating sweep's metric).
/// </summary>
public sealed class EarlyStoppingJudge(StoredSweepDefinitions definitions, ResultStore results, TrialQueue queue, SweepCatalog catalog)
{
    /// <summary>The holder's judgement after a scored checkpoint: marks the trial's best checkpoint by its sweep's
    /// metric, records a stop when the rules say so, and tells whether a stop is recorded (by it or by the job).</summary>
    public async Task<bool> JudgeHeldAsync(ClaimedTrial trial, CancellationToken ct)
    {
        var sweeps = new Dictionary<int, SweepView>();
        var creating = await ViewAsync(sweeps, trial.SweepId, ct);
        var own = creating.Snapshots[trial.Id];
        if (own.Checkpoints.IsEmpty) return false;

        var listing = (await catalog.GetListingSweepsAsync([trial.Id], ct))[trial.Id];
        var decision = await DecideAsync(trial.Id, listing, sweeps, ct);
        var objective = CheckpointMetrics.ObjectiveOf(creating.Definition);
        // A peak rule names the checkpoint it stops past; otherwise the best by the sweep's metric.
        int best = creating.Stored[trial.Id].Checkpoints[decision?.BestCheckpoint ?? own.BestIndex(objective.Name, objective.Goal)].CheckpointId;
        await results.MarkBestCheckpointAsync(trial.Claim, best, ct);
        if (decision is not null)
            await queue.RequestStopAsync(trial.Id, trial.Attempt, decision.Reason, best, ct);
        return await queue.GetRequestAsync(trial.Id, ct) == OperatorRequest.Stop;
    }

    /// <summary>The cluster's judgement: every running trial nothing was asked of yet whose current attempt has
    /// recorded a checkpoint (<see cref="TrialQueue.GetRunningToJudgeAsync"/>), against its sweeps' rules.
    /// Returns the stops this call recorded.</summary>
    public async Task<IReadOnlyList<(int TrialId, string Reason)>> JudgeRunningAsync(CancellationToken ct)
    {
        var recorded = new List<(int, string)>();
        var running = await queue.GetRunningToJudgeAsync(ct);
        if (running.Count == 0) return recorded;
        var listings = await catalog.GetListingSweepsAsync(running.Select(r => r.TrialId).ToList(), ct);
        var sweeps = new Dictionary<int, SweepView>();
        foreach (var trial in running)
        {
            var listing = listings[trial.TrialId];
            if (await DecideAsync(trial.TrialId, listing, sweeps, ct) is not { } decision) continue;
            int best = sweeps[listing[0]].Stored[trial.TrialId].Checkpoints[decision.BestCheckpoint].CheckpointId;
            if (await queue.RequestStopAsync(trial.TrialId, trial.Attempt, decision.Reason, best, ct))
                recorded.Add((trial.TrialId, decision.Reason));
        }
        return recorded;
    }

    /// <summary>The stop every sweep listing the trial agrees on (the creating sweep's, first in
    /// <paramref name="listing"/>, with every sweep's reason when there are several); null when any would train it on.</summary>
    private async Task<StopDecision?> DecideAsync(int trialId, IReadOnlyList<int> listing, Dictionary<int, SweepView> sweeps, CancellationToken ct)
    {
        var decisions = new List<(string Sweep, StopDecision Decision)>();
        foreach (var sweepId in listing)
        {
            // A sweep without a rule is settled without reading its histories.
            if ((await definitions.GetAsync(sweepId, ct)).EarlyTerminate is not { } settings) return null;
            var sweep = await ViewAsync(sweeps, sweepId, ct);
            var own = sweep.Snapshots[trialId];
            if (own.Checkpoints.IsEmpty || StoppingRules.Create(settings, sweep.Definition.Metric).Decide(own, sweep.Study) is not { } decision)
                return null;
            decisions.Add((sweep.Definition.Name, decision));
        }
        return decisions.Count == 1
            ? decisions[0].Decision
            : decisions[0].Decision with { Reason = string.Join("; ", decisions.Select(d => $"sweep {d.Sweep}: {d.Decision.Reason}")) };
    }

    /// <summary>A sweep as its rule sees it, read once per judgement: its file, its trials' stored histories and their snapshots.</summary>
    private sealed record SweepView(SweepDefinition Definition, IReadOnlyDictionary<int, TrialScoreHistory> Stored,
        IReadOnlyDictionary<int, TrialHistory> Snapshots, StudySnapshot Study);

    private async Task<SweepView> ViewAsync(Dictionary<int, SweepView> read, int sweepId, CancellationToken ct)
    {
        if (read.TryGetValue(sweepId, out var known)) return known;
        var histories = await results.GetScoreHistoriesAsync(sweepId, ct);
        var snapshots = histories.ToDictionary(h => h.TrialId, StudyHistories.ToSnapshot);
        return read[sweepId] = new SweepView(await definitions.GetAsync(sweepId, ct), histories.ToDictionary(h => h.TrialId),
            snapshots, new StudySnapshot(snapshots.Values));
    }
}
