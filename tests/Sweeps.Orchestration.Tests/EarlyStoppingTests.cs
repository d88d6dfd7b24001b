using Microsoft.EntityFrameworkCore;
using Sweeps.Storage;

namespace Sweeps.Orchestration.Tests;

/// <summary>early_terminate acted upon by real workers on real (small) training.</summary>
public sealed class EarlyStoppingTests : IDisposable
{
    private static readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
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

    public void Dispose() => _workspace.Dispose();
}
