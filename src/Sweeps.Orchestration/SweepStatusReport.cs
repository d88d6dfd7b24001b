using Microsoft.Extensions.Options;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>Reads what <c>status</c> (table or JSON) and <c>demo</c> show of sweeps, and the live lines of
/// <c>worker</c> in a terminal.</summary>
public sealed class SweepStatusReport(SweepCatalog catalog, ResultStore results, WorkerRegistry workers, DataProvenance provenance,
    StoredSweepDefinitions definitions)
{
    /// <summary>How far back <see cref="WorkersAsync"/> looks for heartbeats.</summary>
    public static readonly TimeSpan RecentWorkers = TimeSpan.FromMinutes(10);

    /// <summary>The workers heard from lately, with what holds each back.</summary>
    public Task<IReadOnlyList<WorkerStatus>> WorkersAsync(CancellationToken ct) => workers.ListAsync(RecentWorkers, ct);

    /// <summary>The sweep named by id or name (every sweep when null); null when none has that id or name.</summary>
    public async Task<IReadOnlyList<SweepStatus>?> ReadAsync(string? idOrName, CancellationToken ct)
    {
        IReadOnlyList<SweepRecord> sweeps;
        if (idOrName is null)
            sweeps = await catalog.ListSweepsAsync(ct);
        else if (await catalog.FindSweepAsync(idOrName, ct) is { } found)
            sweeps = [found];
        else
            return null;
        var statuses = new List<SweepStatus>();
        foreach (var sweep in sweeps)
            statuses.Add(await ReadAsync(sweep, ct));
        return statuses;
    }

    public async Task<SweepStatus> ReadAsync(SweepRecord sweep, CancellationToken ct)
    {
        var trials = await catalog.GetTrialStatusesAsync(sweep.Id, ct);
        var configs = await definitions.GetTrialConfigsAsync(sweep.Id, ct);
        var lines = trials.Zip(configs, (trial, config) => new TrialStatusLine(trial, Remaining(trial, config.Train.BatchSize))).ToList();
        var folders = await provenance.BappsFoldersAsync(sweep.Id, ct);
        var references = new List<FolderReferences>();
        foreach (var folder in folders)
        {
            var means = (await results.GetReferenceScoresAsync(folder, ct)).Where(s => s.Category == "mean").ToList();
            if (means.Count > 0) references.Add(new FolderReferences(folder, means));
        }
        bool synthetic = await provenance.IsSyntheticAsync(sweep.Id, ct);
        var bestBy = CheckpointMetrics.ObjectiveOf(await definitions.GetAsync(sweep.Id, ct));
        return new SweepStatus(sweep, DataProvenance.Title(sweep, synthetic), synthetic, bestBy, lines, folders, references);
    }

    /// <summary>The trials running under <paramref name="workerId"/>, each with the time it still needs.</summary>
    public async Task<IReadOnlyList<RunningTrialLine>> ReadRunningAsync(string workerId, CancellationToken ct) =>
        (await catalog.GetRunningTrialsAsync(workerId, ct))
            .Select(trial => new RunningTrialLine(trial,
                Remaining(trial.Step, trial.TotalSteps, trial.ImagesPerSecond, TrialConfig.FromJson(trial.ConfigJson).Train.BatchSize)))
            .ToList();

    private static TimeSpan? Remaining(TrialStatus trial, int batchSize) =>
        trial.State == TrialState.Running ? Remaining(trial.Step, trial.TotalSteps, trial.ImagesPerSecond, batchSize) : null;

    /// <summary>Time to the last step at the reported speed; null before the first speed report.</summary>
    private static TimeSpan? Remaining(long step, long totalSteps, double? imagesPerSecond, int batchSize) =>
        imagesPerSecond is > 0 && totalSteps > step
            ? TimeSpan.FromSeconds((totalSteps - step) * (double)batchSize / imagesPerSecond.Value)
            : null;
}
