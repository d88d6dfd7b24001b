using Microsoft.EntityFrameworkCore;
using Sweeps.Faults;

namespace Sweeps.Storage.Tests;

/// <summary>A configuration is trained once: later sweeps that ask for it link the existing trial.</summary>
public sealed class ReuseTests
{
    [SkippableTheory, BothProviders]
    public async Task Completed_running_and_queued_trials_are_reused_and_failed_ones_are_trained_again(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var store = database.OpenCatalog();
        var first = await store.AddSweepAsync("widths", "name: widths\n",
            [new("w=1", "{}", "done"), new("w=2", "{}", "running"), new("w=3", "{}", "queued"), new("w=4", "{}", "failed"), new("w=5", "{}", "diverged")],
            force: false, CancellationToken.None);
        var claims = await database.ClaimAllAsync();
        var queue = database.OpenQueue();
        await queue.EndAttemptAsync(claims[first.TrialIds[0]], new AttemptEnd.Completed(), 3, CancellationToken.None);
        await queue.EndAttemptAsync(claims[first.TrialIds[2]], new AttemptEnd.Interrupted("stopped"), 3, CancellationToken.None);
        await queue.EndAttemptAsync(claims[first.TrialIds[3]], new AttemptEnd.Failed("bad data", FaultKind.Data), 3, CancellationToken.None);
        await queue.EndAttemptAsync(claims[first.TrialIds[4]], new AttemptEnd.Failed("NaN at step 3", FaultKind.Trial), 1, CancellationToken.None);

        var overlapping = await store.AddSweepAsync("more widths", "name: more\n",
            [new("w=8", "{}", "new"), new("width 1", "{}", "done"), new("w=2", "{}", "running"), new("w=3", "{}", "queued"), new("w=4", "{}", "failed"), new("w=5", "{}", "diverged")],
            force: false, CancellationToken.None);

        Assert.Equal(3, overlapping.ReusedTrials);
        Assert.Equal(first.TrialIds.Take(3), overlapping.TrialIds.Skip(1).Take(3));
        Assert.DoesNotContain(overlapping.TrialIds[0], first.TrialIds);
        Assert.DoesNotContain(overlapping.TrialIds[4], first.TrialIds);
        Assert.DoesNotContain(overlapping.TrialIds[5], first.TrialIds);
        var statuses = await store.GetTrialStatusesAsync(overlapping.Id, CancellationToken.None);
        Assert.Equal([false, true, true, true, false, false], statuses.Select(s => s.Reused));
        Assert.Equal("width 1", statuses[1].Label);
        Assert.Equal(
            [TrialState.Queued, TrialState.Completed, TrialState.Running, TrialState.Queued, TrialState.Queued, TrialState.Queued],
            statuses.Select(s => s.State));
        // Queued work: the first sweep's 'queued' trial, and the new, failed and diverged configurations once each.
        Assert.Equal(5, await queue.CountQueuedOrRunningAsync(CancellationToken.None));
    }

    [SkippableTheory, BothProviders]
    public async Task Force_queues_fresh_trials_and_later_sweeps_reuse_the_newest(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var store = database.OpenCatalog();
        var first = await store.AddSweepAsync("a", "name: a\n", [new("w=1", "{}", "same")], force: false, CancellationToken.None);
        var claim = (await database.ClaimAllAsync()).Values.Single();
        await database.OpenQueue().EndAttemptAsync(claim, new AttemptEnd.Completed(), 3, CancellationToken.None);

        var forced = await store.AddSweepAsync("a", "name: a\n", [new("w=1", "{}", "same")], force: true, CancellationToken.None);
        var again = await store.AddSweepAsync("a", "name: a\n", [new("w=1", "{}", "same")], force: false, CancellationToken.None);

        Assert.Equal(0, forced.ReusedTrials);
        Assert.NotEqual(first.TrialIds[0], forced.TrialIds[0]);
        Assert.Equal(forced.TrialIds, again.TrialIds);
        Assert.Equal(2, await database.OpenContext().Trials.CountAsync(t => t.ConfigHash == "same"));
    }

    [SkippableTheory, BothProviders]
    public async Task Scored_checkpoints_of_a_reused_trial_appear_under_every_sweep_that_lists_it(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var store = database.OpenCatalog();
        var results = database.OpenResults();
        var first = await store.AddSweepAsync("a", "name: a\n", [new("w=1", "{}", "same")], force: false, CancellationToken.None);
        var claim = (await database.ClaimAllAsync()).Values.Single();
        int checkpoint = await results.RecordCheckpointAsync(claim, new NewCheckpoint(0, 0.5, 50, "/ck/50", "s"), CancellationToken.None);
        await results.RecordScoresAsync(claim, checkpoint, [new("top1", "", "", "", 30), new("ps", "lpips", "ensemble", "mean", 65)], CancellationToken.None);

        var second = await store.AddSweepAsync("b", "name: b\n", [new("model.width=1", "{}", "same")], force: false, CancellationToken.None);

        Assert.Equal([new ScoredCheckpoint(first.TrialIds[0], "model.width=1", 0.5, 30, 65)],
            await results.GetScoredCheckpointsAsync(second.Id, CancellationToken.None));
        Assert.Equal(["{}"], await store.GetTrialConfigsAsync(second.Id, CancellationToken.None));
    }
}
