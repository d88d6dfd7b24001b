using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Storage.Tests;

namespace Sweeps.LivePage.Tests;

/// <summary>
/// A stored sweep as workers leave it mid-way, written through the storage API: three ResNet-6 trials, the first
/// Completed (two scored checkpoints, top-1 40 then 45, PS 60 then 62), the second Running (one scored checkpoint,
/// top-1 30, PS 55; step 150 of 400 at 512 images/s, so 15.6 s left; a log file), the third Queued again after an
/// interruption. <see cref="RecordCheckpointAsync"/> then adds a checkpoint to the running one, as its worker would.
/// </summary>
public sealed class LiveStudy
{
    public const string Yaml = """
        name: live-study
        method: grid
        base:
          model: { family: resnet, depth: 6 }
          data: { train: imagenet64, val: imagenet64 }
          train: { epochs: 2, batch_size: 32, seed: 0 }
          score: { bapps: bapps/2afc/val }
        parameters:
          model.width:
            values: [0.5, 1, 2]
        """;

    private readonly TempDatabase _database;
    private readonly TrialClaim _running;

    private LiveStudy(TempDatabase database, SweepRecord sweep, TrialClaim running, string logPath)
    {
        _database = database;
        Sweep = sweep;
        _running = running;
        LogPath = logPath;
    }

    public SweepRecord Sweep { get; }
    public int CompletedTrial => Sweep.TrialIds[0];
    public int RunningTrial => Sweep.TrialIds[1];
    public int QueuedTrial => Sweep.TrialIds[2];
    public string LogPath { get; }

    public static async Task<LiveStudy> StoreAsync(TempDatabase database, string logFolder)
    {
        var ct = CancellationToken.None;
        var definition = SweepFile.Parse(Yaml, "live-study.yaml");
        var added = await database.OpenCatalog().AddSweepAsync(definition.Name, Yaml,
            definition.Trials.Select(t => new NewTrial(t.Label, t.Config.ToJson(), t.Config.Hash())).ToList(), force: false, ct);
        var claims = await database.ClaimAllAsync();
        var queue = database.OpenQueue();
        var results = database.OpenResults();

        var completed = claims[added.TrialIds[0]];
        int best = 0;
        foreach (var (step, top1, ps) in new[] { (100, 40.0, 60.0), (200, 45.0, 62.0) })
            best = await RecordAsync(results, completed, step, top1, ps);
        await results.MarkBestCheckpointAsync(completed, best, ct);
        await queue.HeartbeatAsync(completed, TimeSpan.FromMinutes(10), new TrialProgress(200, 200, 500, null), ct);
        await queue.EndAttemptAsync(completed, new AttemptEnd.Completed(), maxAttempts: 3, ct);

        var running = claims[added.TrialIds[1]];
        await results.MarkBestCheckpointAsync(running, await RecordAsync(results, running, 100, 30, 55), ct);
        var log = Path.Combine(logFolder, "trial.log");
        await File.WriteAllTextAsync(log, "attempt 1 claimed by worker\ncheckpoint at step 100 scored: top-1 30.00, PS 55.00\n", ct);
        await queue.HeartbeatAsync(running, TimeSpan.FromMinutes(10), new TrialProgress(150, 400, 512, log), ct);

        await queue.EndAttemptAsync(claims[added.TrialIds[2]], new AttemptEnd.Interrupted("the worker was stopped"), maxAttempts: 3, ct);
        return new LiveStudy(database, (await database.OpenCatalog().FindSweepAsync(added.Name, ct))!, running, log);
    }

    /// <summary>A new scored checkpoint of the running trial, its best so far, as its worker records it.</summary>
    public async Task RecordCheckpointAsync(int step, double top1, double ps)
    {
        var results = _database.OpenResults();
        await results.MarkBestCheckpointAsync(_running, await RecordAsync(results, _running, step, top1, ps), CancellationToken.None);
    }

    public async Task<TrialStatus> StatusAsync(int trialId) =>
        (await _database.OpenCatalog().GetTrialStatusesAsync(Sweep.Id, CancellationToken.None)).Single(t => t.Id == trialId);

    private static async Task<int> RecordAsync(ResultStore results, TrialClaim claim, int step, double top1, double ps)
    {
        int id = await results.RecordCheckpointAsync(claim, new NewCheckpoint(step / 100, step / 100.0, step, $"/ck/{claim.TrialId}-{step}", "sha"), CancellationToken.None);
        await results.RecordScoresAsync(claim, id,
        [
            new("top1", "", "", "", top1),
            new("ps", "lpips", "stage1", "mean", ps - 1),
            new("ps", "lpips", "ensemble", "mean", ps),
        ], CancellationToken.None);
        return id;
    }
}
