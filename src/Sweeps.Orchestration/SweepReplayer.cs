using Sweeps.EarlyStopping;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary><c>sweeps replay</c>: runs an early-terminate rule over a stored sweep's score histories, in the
/// order its trials ran, to show what it would have saved and what it would have cost.</summary>
public sealed class SweepReplayer(SweepCatalog catalog, ResultStore results, StoredSweepDefinitions definitions)
{
    /// <summary>The replay, with each replayed trial's label in the same order; null when no sweep has that id
    /// or name. Trials without a scored checkpoint are left out.</summary>
    /// <param name="rule">The block to replay; its metric, when given, overrides the sweep's.</param>
    public async Task<SweepReplayReport?> ReplayAsync(string sweepIdOrName, EarlyTerminateFile rule, CancellationToken ct)
    {
        if (await catalog.FindSweepAsync(sweepIdOrName, ct) is not { } sweep)
            return null;
        var definition = await definitions.GetAsync(sweep.Id, ct);
        var objective = rule.Metric ?? CheckpointMetrics.ObjectiveOf(definition);
        var labels = (await catalog.GetTrialStatusesAsync(sweep.Id, ct)).ToDictionary(t => t.Id, t => t.Label);
        var ran = (await results.GetScoreHistoriesAsync(sweep.Id, ct))
            .Where(trial => trial.Checkpoints.Count > 0)
            .OrderBy(trial => trial.StartedAt).ThenBy(trial => trial.Index)
            .ToList();
        var replay = SweepReplay.Run(ran.Select(StudyHistories.ToSnapshot).ToList(), StoppingRules.Create(rule.Rule, objective), objective);
        return new SweepReplayReport(sweep, replay, ran.Select(trial => labels[trial.TrialId]).ToList());
    }
}

/// <summary>A replay of <paramref name="Sweep"/>; <paramref name="Labels"/> name its trials in the replay's order.</summary>
public sealed record SweepReplayReport(SweepRecord Sweep, ReplayResult Result, IReadOnlyList<string> Labels);
