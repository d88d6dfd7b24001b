using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Data;
using Sweeps.Storage;

namespace Sweeps.Orchestration.Tests;

/// <summary>early_terminate acted upon by real workers on real (small) training.</summary>
public sealed class EarlyStoppingTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly WorkerWorkspace _workspace = new();

    [Fact]
    public async Task Under_hyperband_a_trial_that_cannot_learn_is_stopped_at_the_first_band_and_keeps_its_checkpoints_and_scores()
    {
        var sweep = await _workspace.SubmitAsync("""
            name: stops
            metric: { name: top1, goal: maximize }
            early_terminate: { type: hyperband, min_iter: 2, eta: 3 }
            method: list
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 6, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 3 }
              score: { bapps: demo/bapps/2afc/val }
            trials:
              - train.learning_rate: 0.2
              - train.learning_rate: 0.0001
            """, Timeout);

        await _workspace.RunUntilIdleAsync(Timeout);

        var trials = await _workspace.TrialsAsync(sweep.Id, Timeout);
        var learns = await _workspace.CheckpointsAsync(trials[0].Id, Timeout);
        var stuck = await _workspace.CheckpointsAsync(trials[1].Id, Timeout);
        Assert.True(trials[0].State == TrialState.Completed, $"{trials[0].State}: {trials[0].Error}");
        Assert.Equal(6, learns.Count);
        Assert.True(trials[1].State == TrialState.Stopped, $"{trials[1].State}: {trials[1].Error}");
        Assert.Equal([1, 2], stuck.Select(c => c.Epoch));
        Assert.All(stuck, c => Assert.True(c.HasScores && !c.FileDeleted));
        Assert.Matches(@"^hyperband band 2: top1 [0-9.]+ below threshold [0-9.]+", trials[1].Error);
        Assert.Equal(0, trials[1].Interruptions);
        // Both have a best checkpoint by top-1, and status shows its values.
        Assert.All(trials, t => Assert.NotNull(t.Best));
        var top1AtBandOfLearner = await _workspace.QueryDbAsync(db => db.Scores
            .Where(s => s.CheckpointId == learns[1].Id && s.Metric == "top1").Select(s => s.Value).SingleAsync(Timeout));
        Assert.Contains($"threshold {top1AtBandOfLearner:F2}", trials[1].Error);
    }

    [Fact]
    public async Task Under_the_peak_rule_training_stops_once_the_metric_stops_rising_and_the_peak_checkpoint_survives_the_keep_policy()
    {
        // A learning rate this high makes top-1 rise then wander; patience 1 stops at the first checkpoint without a new best.
        var sweep = await _workspace.SubmitAsync("""
            name: peak
            early_terminate: { type: peak, metric: loss, patience: 1 }
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 30, batch_size: 16, learning_rate: 0.4, warmup_epochs: 0.5, seed: 3 }
              checkpoint: { keep: last, keep_last: 1 }
              score: { bapps: demo/bapps/2afc/val }
            """, Timeout);

        await _workspace.RunUntilIdleAsync(Timeout);

        var trial = (await _workspace.TrialsAsync(sweep.Id, Timeout)).Single();
        var checkpoints = await _workspace.CheckpointsAsync(trial.Id, Timeout);
        Assert.True(trial.State == TrialState.Stopped, $"{trial.State} after {checkpoints.Count} checkpoints: {trial.Error}");
        Assert.InRange(checkpoints.Count, 2, 29);
        var losses = await _workspace.QueryDbAsync(db => db.Scores.Where(s => s.Metric == "loss" && s.Layer == "")
            .Join(db.Checkpoints, s => s.CheckpointId, c => c.Id, (s, c) => new { c.Step, c.Id, s.Value }).OrderBy(x => x.Step).ToListAsync(Timeout));
        var bestIndex = losses.Select((x, i) => (x.Value, i)).MinBy(x => x.Value).i;
        // Stopped right after the first checkpoint that did not beat the best so far.
        Assert.Equal(losses.Count - 2, bestIndex);
        Assert.True(losses[^1].Value >= losses[^2].Value);
        // keep: last with keep_last 1 keeps the newest file, and the best one too.
        var best = await _workspace.QueryDbAsync(db => db.Trials.Select(t => t.BestCheckpointId).SingleAsync(Timeout));
        Assert.Equal(losses[bestIndex].Id, best);
        Assert.Equal([losses[bestIndex].Id, losses[^1].Id], checkpoints.Where(c => !c.FileDeleted).Select(c => c.Id));
        Assert.StartsWith("peak: loss", trial.Error);
    }

    [Fact]
    public async Task A_trial_between_checkpoints_is_stopped_by_the_clusters_job_once_a_sweep_mates_results_arrive_and_keeps_what_it_stored()
    {
        // Epochs of 150 steps, so that the trial spends seconds between checkpoints.
        DemoData.Ensure(Path.Combine(_workspace.Root, "data", "large"), WorkerWorkspace.SmallDemoData with { TrainImagesPerClass = 600 });
        _workspace.Settings["Sweeps:EarlyStoppingSeconds"] = "0.2";
        var sweep = await _workspace.SubmitAsync("""
            name: mates
            metric: { name: loss, goal: minimize }
            early_terminate: { type: hyperband, min_iter: 2, eta: 3 }
            method: list
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: large/imagenet64, val: demo/imagenet64 }
              train: { epochs: 6, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 3 }
              score: { bapps: demo/bapps/2afc/val }
            trials:
              - train.learning_rate: 0.1
              - train.learning_rate: 0.2
            """, Timeout);
        using var elsewhere = _workspace.CreateWorker(untilIdle: true);
        // The sweep mate runs on another box (its results are written by hand below); the worker trains the other.
        ClaimedTrial mate;
        using (var scope = elsewhere.Services.CreateScope())
            mate = (await scope.ServiceProvider.GetRequiredService<TrialQueue>().ClaimNextAsync("elsewhere", TimeSpan.FromHours(1), 3, Timeout))!;
        int trained = sweep.TrialIds[1];
        using var worker = _workspace.CreateWorker(untilIdle: false, heartbeatSeconds: 0.5);
        await worker.StartAsync(Timeout);

        // Alone at its first band it passes it; once it trains its third epoch the mate's far better losses arrive.
        var band = await WaitForAsync(db => db.Checkpoints.Where(c => c.TrialId == trained && c.Scheduled && c.Scores.Any()).OrderBy(c => c.Step).ToListAsync(Timeout), checkpoints => checkpoints.Count >= 2);
        await WaitForAsync(db => db.Trials.Where(t => t.Id == trained).Select(t => t.Step).SingleAsync(Timeout), step => step > band[1].Step);
        using (var scope = elsewhere.Services.CreateScope())
        {
            var results = scope.ServiceProvider.GetRequiredService<ResultStore>();
            foreach (var (step, loss) in new[] { (150L, 0.002), (300L, 0.001) })
            {
                int id = await results.RecordCheckpointAsync(mate.Claim, new NewCheckpoint((int)(step / 150), step / 150.0, step, $"/elsewhere/{step}", "sha"), Timeout);
                await results.RecordScoresAsync(mate.Claim, id, [new ScoreValue("loss", "", "", "", loss)], Timeout);
            }
        }
        await WaitForAsync(db => db.Trials.Where(t => t.Id == trained).Select(t => t.State).SingleAsync(Timeout), state => state != TrialState.Running);
        await worker.StopAsync(Timeout);

        var trials = await _workspace.TrialsAsync(sweep.Id, Timeout);
        Assert.True(trials[1].State == TrialState.Stopped, $"{trials[1].State}: {trials[1].Error}");
        Assert.Matches(@"^hyperband band 2: loss [0-9.]+ above threshold 0\.0 \(the best 1/3 of 2 trials at checkpoint 1\)$", trials[1].Error);
        // Stopped between its second and third checkpoints, at a step boundary where it took an unscheduled checkpoint.
        var checkpoints = await _workspace.CheckpointsAsync(trained, Timeout);
        Assert.Equal([band[0].Id, band[1].Id], checkpoints.Where(c => c.Scheduled).Select(c => c.Id));
        Assert.True(checkpoints[^1] is { Scheduled: false } stop && stop.Step > band[1].Step && stop.Step < 3 * 150, $"last checkpoint at step {checkpoints[^1].Step}");
        Assert.All(checkpoints.Where(c => c.Scheduled), c => Assert.True(c.HasScores && !c.FileDeleted));
        Assert.Equal((TrialState.Running, null), (trials[0].State, trials[0].Request));
    }

    private async Task<T> WaitForAsync<T>(Func<SweepsDbContext, Task<T>> query, Func<T, bool> done)
    {
        T value;
        while (!done(value = await _workspace.QueryDbAsync(query)))
            await Task.Delay(100, Timeout);
        return value;
    }

    public void Dispose() => _workspace.Dispose();
}
