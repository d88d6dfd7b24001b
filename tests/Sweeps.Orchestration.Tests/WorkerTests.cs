using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration.Tests;

public sealed class WorkerTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly WorkerWorkspace _workspace = new();

    private static string Sweep(string name, string parameters, int epochs) => $$"""
        name: {{name}}
        base:
          model: { family: resnet, depth: 6, width: 0.125 }
          data: { train: demo/imagenet64, val: demo/imagenet64 }
          train: { epochs: {{epochs}}, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 3 }
          score: { bapps: demo/bapps/2afc/val }
        {{parameters}}
        """;

    [Fact]
    public async Task Tiny_sweep_runs_through_the_worker_and_stores_every_checkpoint_and_score()
    {
        var sweep = await _workspace.SubmitAsync(Sweep("tiny", "parameters:\n  model.width:\n    values: [0.125, 0.25]", epochs: 2), Timeout);

        await _workspace.RunUntilIdleAsync(Timeout);

        await _workspace.QueryDbAsync(async db =>
        {
            var trials = await db.Trials.Where(t => t.SweepId == sweep.Id).OrderBy(t => t.Id).ToListAsync(Timeout);
            Assert.Equal(2, trials.Count);
            Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
            Assert.All(trials, t => Assert.Equal(1, t.Attempts));
            Assert.Equal(["model.width=0.125", "model.width=0.25"], trials.Select(t => t.Label));
            foreach (var trial in trials)
            {
                var checkpoints = await db.Checkpoints.Where(c => c.TrialId == trial.Id).OrderBy(c => c.Epoch).ToListAsync(Timeout);
                Assert.Equal([1, 2], checkpoints.Select(c => c.Epoch));
                foreach (var checkpoint in checkpoints)
                {
                    Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(checkpoint.Path))), checkpoint.Sha256);
                    var scores = await db.Scores.Where(s => s.CheckpointId == checkpoint.Id).ToListAsync(Timeout);
                    Assert.Equal(_workspace.ScoreRowsPerCheckpoint, scores.Count);
                    Assert.All(scores, s => Assert.InRange(s.Value, 0, 100));
                    var perCategory = scores.Where(s => s is { Metric: "ps", Layer: "ensemble" } && s.Category is not ("mean" or "weighted_mean")).ToList();
                    Assert.Equal(perCategory.Average(s => s.Value), scores.Single(s => s is { Metric: "ps", Layer: "ensemble", Category: "mean" }).Value, 9);
                }
            }
            // Pixel baselines and the human ceiling, once for the folder however many trials use it.
            var references = await db.ReferenceScores.ToListAsync(Timeout);
            Assert.Equal(_workspace.BappsFolder, Assert.Single(references.Select(r => r.Folder).Distinct()));
            Assert.Equal(["human", "l2", "l2_lab", "ssim", "ssim_lab"], references.Select(r => r.Function).Distinct().Order());
            Assert.Equal(5 * (_workspace.BappsCategories + 2), references.Count);
            return 0;
        });
    }

    [Fact]
    public async Task A_worker_stopped_after_epoch_one_resumes_and_ends_with_the_weights_of_an_uninterrupted_run()
    {
        // Enough epochs that the stop lands mid-trial however fast this machine is, and however late a busy
        // thread pool lets this test see the first checkpoint (other test classes train in parallel).
        const int epochs = 30;
        var sweep = await _workspace.SubmitAsync(Sweep("resume", "", epochs), Timeout);
        int trialId = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single().Id;

        using (var first = _workspace.CreateWorker(untilIdle: false))
        {
            // One polling host, built before the worker starts, so each look at the database is quick.
            using var polling = _workspace.CreateWorker(untilIdle: true);
            using var pollingScope = polling.Services.CreateScope();
            var pollingStore = pollingScope.ServiceProvider.GetRequiredService<ResultStore>();
            await first.StartAsync(Timeout);
            while (!(await pollingStore.GetCheckpointsAsync(trialId, Timeout)).Any(c => c.Epoch == 1 && c.HasScores))
                await Task.Delay(20, Timeout);
            await first.StopAsync(Timeout);
        }
        var stopped = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single();
        Assert.Equal(TrialState.Queued, stopped.State);
        Assert.InRange(stopped.CompletedEpochs, 1, epochs - 1);

        await _workspace.RunUntilIdleAsync(Timeout);

        var resumed = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single();
        // The stopped attempt and the resumed one, plus any failed by TorchSharp's Scalar fault under load
        // (README Known problems), which resumes from the last checkpoint too.
        Assert.True(resumed is { State: TrialState.Completed, Interruptions: 1 } && resumed.Attempts == 2 + resumed.FailedAttempts,
            $"{resumed.State} after {resumed.Attempts} attempts ({resumed.Interruptions} interrupted, {resumed.FailedAttempts} failed): {resumed.Error}");
        var checkpoints = await _workspace.CheckpointsAsync(trialId, Timeout);
        Assert.Equal(Enumerable.Range(1, epochs), checkpoints.Select(c => c.Epoch));
        Assert.Equal(epochs * _workspace.ScoreRowsPerCheckpoint, await _workspace.QueryDbAsync(db => db.Scores.CountAsync(Timeout)));

        using var uninterrupted = new WorkerWorkspace();
        var reference = await uninterrupted.SubmitAsync(Sweep("resume", "", epochs), Timeout);
        await uninterrupted.RunUntilIdleAsync(Timeout);
        var referenceTrial = (await uninterrupted.TrialsAsync(reference.Id, Timeout)).Single().Id;
        var referenceFinal = (await uninterrupted.CheckpointsAsync(referenceTrial, Timeout)).Single(c => c.Epoch == epochs);

        var config = TrialConfig.FromJson(await _workspace.QueryDbAsync(async db => (await db.Trials.SingleAsync(Timeout)).ConfigJson));
        using var resumedModel = CheckpointFile.LoadModel(checkpoints[^1].Path, config, WorkerWorkspace.SmallDemoData.ClassCount);
        using var referenceModel = CheckpointFile.LoadModel(referenceFinal.Path, config, WorkerWorkspace.SmallDemoData.ClassCount);
        var expected = referenceModel.state_dict();
        foreach (var (name, tensor) in resumedModel.state_dict())
            Assert.True(tensor.Equals(expected[name]), $"{name} differs after resume");
    }

    [Fact]
    public async Task A_worker_whose_lease_is_stolen_mid_epoch_stops_writing_and_the_new_holder_finishes_undisturbed()
    {
        const int epochs = 30;
        var sweep = await _workspace.SubmitAsync(Sweep("stolen", "", epochs), Timeout);
        int trialId = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single().Id;

        using var slow = _workspace.CreateWorker(untilIdle: false, workerId: "box-a", heartbeatSeconds: 0.3);
        using var polling = _workspace.CreateWorker(untilIdle: true);
        using var pollingScope = polling.Services.CreateScope();
        var db = pollingScope.ServiceProvider.GetRequiredService<SweepsDbContext>();
        await slow.StartAsync(Timeout);
        while (!await db.Checkpoints.AnyAsync(c => c.TrialId == trialId && c.Attempt == 1, Timeout))
            await Task.Delay(20, Timeout);

        // Steal: box-a's lease is made to look expired until box-b has claimed the trial.
        using var thief = _workspace.CreateWorker(untilIdle: false, workerId: "box-b", heartbeatSeconds: 0.3);
        await thief.StartAsync(Timeout);
        while (await db.Trials.Where(t => t.Id == trialId).Select(t => t.Attempts).SingleAsync(Timeout) == 1)
        {
            Assert.True(await db.Trials.AnyAsync(t => t.Id == trialId && t.State == TrialState.Running, Timeout),
                "the trial ended before its lease could be stolen");
            await db.Trials.Where(t => t.Id == trialId && t.Attempts == 1)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LeaseExpiresAt, DateTime.UtcNow.AddHours(-1)), Timeout);
            await Task.Delay(10, Timeout);
        }
        var stolenAt = DateTime.UtcNow;
        while (await db.Trials.Where(t => t.Id == trialId).Select(t => t.State).SingleAsync(Timeout) == TrialState.Running)
            await Task.Delay(50, Timeout);
        await thief.StopAsync(Timeout);
        await slow.StopAsync(Timeout);

        var trial = await db.Trials.AsNoTracking().SingleAsync(t => t.Id == trialId, Timeout);
        Assert.True(trial is { State: TrialState.Completed, Attempts: 2, FailedAttempts: 0 }, $"{trial.State} after {trial.Attempts} attempts: {trial.Error}");
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => c.TrialId == trialId).OrderBy(c => c.Step).ToListAsync(Timeout);
        Assert.Equal(Enumerable.Range(1, epochs), checkpoints.Select(c => c.Epoch));
        // box-a recorded nothing once the trial was taken: every later record is box-b's. box-b trained on from
        // the newest intact file, which may be one box-a wrote but could no longer record; from there on every
        // file is box-b's own, so box-a could never have replaced one.
        Assert.All(checkpoints.Where(c => c.CreatedAt > stolenAt.AddSeconds(1)), c => Assert.Equal(2, c.Attempt));
        var firstOfBoxB = checkpoints.First(c => c.Attempt == 2);
        Assert.All(checkpoints.Where(c => c.Step > firstOfBoxB.Step), c => Assert.EndsWith("-a0002.ckpt", c.Path));
        Assert.All(checkpoints.Where(c => c.Attempt == 1), c => Assert.EndsWith("-a0001.ckpt", c.Path));
        Assert.Equal(epochs * _workspace.ScoreRowsPerCheckpoint, await db.Scores.CountAsync(Timeout));
        var log = await File.ReadAllTextAsync(trial.LogPath!, Timeout);
        Assert.True(log.Contains("[attempt 1] Trial " + trialId + ": attempt 1 stopped without further writes"), log);
        Assert.Contains("[attempt 2] Trial " + trialId + " resumes after step", log);

        // And the result is the uninterrupted one.
        using var uninterrupted = new WorkerWorkspace();
        var reference = await uninterrupted.SubmitAsync(Sweep("stolen", "", epochs), Timeout);
        await uninterrupted.RunUntilIdleAsync(Timeout);
        var referenceTrial = (await uninterrupted.TrialsAsync(reference.Id, Timeout)).Single().Id;
        var referenceFinal = (await uninterrupted.CheckpointsAsync(referenceTrial, Timeout)).Single(c => c.Epoch == epochs);
        var config = TrialConfig.FromJson(trial.ConfigJson);
        using var stolenModel = CheckpointFile.LoadModel(checkpoints[^1].Path, config, WorkerWorkspace.SmallDemoData.ClassCount);
        using var referenceModel = CheckpointFile.LoadModel(referenceFinal.Path, config, WorkerWorkspace.SmallDemoData.ClassCount);
        var expected = referenceModel.state_dict();
        foreach (var (name, tensor) in stolenModel.state_dict())
            Assert.True(tensor.Equals(expected[name]), $"{name} differs after the takeover");
    }

    [Fact]
    public async Task A_trial_whose_data_is_missing_fails_with_a_stored_error_and_the_next_trial_still_runs()
    {
        var sweep = await _workspace.SubmitAsync(Sweep("missing", """
            method: list
            trials:
              - data.train: no/such/folder
              - train.seed: 4
            """, epochs: 1), Timeout);

        await _workspace.RunUntilIdleAsync(Timeout);

        var trials = await _workspace.TrialsAsync(sweep.Id, Timeout);
        Assert.Equal(TrialState.Failed, trials[0].State);
        Assert.Contains(Path.Combine("no", "such", "folder"), trials[0].Error);
        Assert.Equal(TrialState.Completed, trials[1].State);
        Assert.NotNull(trials[1].BestPs);
    }

    [Fact]
    public async Task A_diverging_trial_is_retried_from_its_last_checkpoint_and_then_stored_as_diverged()
    {
        var sweep = await _workspace.SubmitAsync(Sweep("diverges", """
            parameters:
              train.learning_rate:
                value: 1000000.0
            """, epochs: 1), Timeout);

        await _workspace.RunUntilIdleAsync(Timeout);

        var trial = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single();
        Assert.Equal(TrialState.Diverged, trial.State);
        Assert.Equal(3, trial.Attempts);
        Assert.Matches("step [0-9]+", trial.Error);
    }

    [Fact]
    public async Task Step_checkpoints_are_scored_and_the_keep_policy_deletes_all_but_the_newest_files_and_the_best()
    {
        // 192 images in batches of 16: 12 steps per epoch, a checkpoint every 4 steps and at each epoch end.
        var sweep = await _workspace.SubmitAsync(Sweep("steps", """
            parameters:
              checkpoint.every_steps: { value: 4 }
              checkpoint.keep: { value: last }
              checkpoint.keep_last: { value: 2 }
            """, epochs: 2), Timeout);

        await _workspace.RunUntilIdleAsync(Timeout);

        int trialId = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single().Id;
        var checkpoints = await _workspace.CheckpointsAsync(trialId, Timeout);
        Assert.Equal([4L, 8, 12, 16, 20, 24], checkpoints.Select(c => c.Step));
        Assert.Equal([0, 0, 1, 1, 1, 2], checkpoints.Select(c => c.Epoch));
        Assert.Equal(1.0 / 3, checkpoints[0].EpochFraction, 12);
        Assert.All(checkpoints, c => Assert.True(c.HasScores));
        // The sweep names no metric, so the best checkpoint is the one with the highest PS (the earliest on ties).
        var psByStep = await _workspace.QueryDbAsync(db => db.Scores
            .Where(s => s.Metric == "ps" && s.Function == "lpips" && s.Layer == "ensemble" && s.Category == "mean")
            .Join(db.Checkpoints, s => s.CheckpointId, c => c.Id, (s, c) => new { c.Id, c.Step, s.Value }).OrderBy(x => x.Step).ToListAsync(Timeout));
        var best = psByStep.First(x => x.Value == psByStep.Max(y => y.Value));
        Assert.Equal(best.Id, await _workspace.QueryDbAsync(db => db.Trials.Select(t => t.BestCheckpointId).SingleAsync(Timeout)));
        Assert.Equal(checkpoints.Select(c => c.Step is not (20 or 24) && c.Id != best.Id), checkpoints.Select(c => c.FileDeleted));
        Assert.Equal(checkpoints.Select(c => !c.FileDeleted), checkpoints.Select(c => File.Exists(c.Path)));
    }

    public void Dispose() => _workspace.Dispose();
}
