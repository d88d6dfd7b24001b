using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Storage;

namespace Sweeps.Orchestration.Tests;

/// <summary>A worker that cannot read a trial's newest recorded checkpoint (another box's CheckpointRoot,
/// a damaged file) hands the trial back instead of training it again from scratch.</summary>
public sealed class SharedCheckpointRootTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly WorkerWorkspace _workspace = new();
    private int _interruptionsBefore;

    private const string Sweep = """
        name: shared-root
        base:
          model: { family: resnet, depth: 6, width: 0.125 }
          data: { train: demo/imagenet64, val: demo/imagenet64 }
          train: { epochs: 30, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 3 }
          score: { bapps: demo/bapps/2afc/val }
        """;

    [Fact]
    public async Task A_worker_on_another_checkpoint_root_hands_the_trial_back_naming_the_missing_file()
    {
        var (trialId, before) = await TrainOneEpochAsync();
        var otherRoot = Path.Combine(_workspace.Root, "other-box-checkpoints");
        _workspace.Settings["Sweeps:CheckpointRoot"] = otherRoot;

        var trial = await RunUntilHandedBackAsync(trialId);

        var newest = before.MaxBy(c => c.Step)!;
        var expectedPath = Path.Combine(otherRoot, $"trial-{trialId:D6}", Path.GetFileName(newest.Path));
        Assert.Contains($"recorded checkpoint at step {newest.Step}, {expectedPath}, is missing", trial.Error);
        Assert.Contains($"(recorded as {newest.Path})", trial.Error);
        Assert.Contains("is CheckpointRoot shared by every worker", trial.Error);
        await AssertNothingTrainedAsync(trialId, before, otherRoot);
    }

    [Fact]
    public async Task A_recorded_checkpoint_whose_checksum_differs_is_not_passed_over_for_a_fresh_start()
    {
        var (trialId, before) = await TrainOneEpochAsync();
        // Without the check the damaged file would be passed over for an older one, or for step 0.
        var newest = before.MaxBy(c => c.Step)!;
        var bytes = await File.ReadAllBytesAsync(newest.Path, Timeout);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(newest.Path, bytes, Timeout);
        var damagedSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

        var trial = await RunUntilHandedBackAsync(trialId);

        Assert.Contains($"recorded checkpoint at step {newest.Step}, {newest.Path}, has SHA-256 {damagedSha256}, not the recorded {newest.Sha256}", trial.Error);
        Assert.Contains("is CheckpointRoot shared by every worker", trial.Error);
        await AssertNothingTrainedAsync(trialId, before, Path.GetDirectoryName(Path.GetDirectoryName(newest.Path))!);
    }

    /// <summary>Trains the trial's first epoch on this workspace's CheckpointRoot and stops the worker there.</summary>
    private async Task<(int TrialId, IReadOnlyList<CheckpointRecord> Checkpoints)> TrainOneEpochAsync()
    {
        var sweep = await _workspace.SubmitAsync(Sweep, Timeout);
        int trialId = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single().Id;
        using (var first = _workspace.CreateWorker(untilIdle: false))
        {
            using var polling = _workspace.CreateWorker(untilIdle: true);
            using var scope = polling.Services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<ResultStore>();
            await first.StartAsync(Timeout);
            while ((await store.GetCheckpointsAsync(trialId, Timeout)).Count == 0)
                await Task.Delay(10, Timeout);
            await first.StopAsync(Timeout);
        }
        var checkpoints = await _workspace.CheckpointsAsync(trialId, Timeout);
        // A file written as the worker stopped but not recorded would be a newer resume point: remove it, so
        // that the newest recorded checkpoint is the one to resume from.
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(checkpoints[0].Path)!, "*.ckpt").Except(checkpoints.Select(c => c.Path)))
            File.Delete(file);
        return (trialId, checkpoints);
    }

    /// <summary>Runs a worker until it has handed the trial back once with an error, then stops it.</summary>
    private async Task<Trial> RunUntilHandedBackAsync(int trialId)
    {
        int checkpointsBefore = (await _workspace.CheckpointsAsync(trialId, Timeout)).Count;
        _interruptionsBefore = (await _workspace.QueryDbAsync(db => db.Trials.AsNoTracking().SingleAsync(t => t.Id == trialId, Timeout))).Interruptions;
        using var worker = _workspace.CreateWorker(untilIdle: false, workerId: "box-b");
        await worker.StartAsync(Timeout);
        Trial trial;
        // Also ends when the worker trains instead (a new checkpoint record), which the asserts then refuse.
        while ((trial = await _workspace.QueryDbAsync(db => db.Trials.AsNoTracking().SingleAsync(t => t.Id == trialId, Timeout))).Error is null
            && (await _workspace.CheckpointsAsync(trialId, Timeout)).Count == checkpointsBefore)
            await Task.Delay(50, Timeout);
        await worker.StopAsync(Timeout);
        return trial;
    }

    private async Task AssertNothingTrainedAsync(int trialId, IReadOnlyList<CheckpointRecord> before, string checkpointRoot)
    {
        var trial = await _workspace.QueryDbAsync(db => db.Trials.AsNoTracking().SingleAsync(t => t.Id == trialId, Timeout));
        Assert.Equal(TrialState.Queued, trial.State);
        Assert.True(trial.Interruptions > _interruptionsBefore, $"{trial.Interruptions} interruptions, {_interruptionsBefore} before");
        Assert.Equal(0, trial.FailedAttempts);
        Assert.Equal(before, await _workspace.CheckpointsAsync(trialId, Timeout));
        var files = Directory.Exists(Path.Combine(checkpointRoot, $"trial-{trialId:D6}"))
            ? Directory.GetFiles(Path.Combine(checkpointRoot, $"trial-{trialId:D6}"), "*.ckpt").Order().ToArray()
            : [];
        Assert.Equal(before.Where(c => c.Path.StartsWith(checkpointRoot)).Select(c => c.Path).Order(), files);
    }

    public void Dispose() => _workspace.Dispose();
}
