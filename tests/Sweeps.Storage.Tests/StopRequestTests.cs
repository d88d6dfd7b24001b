using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage.Tests;

/// <summary>Early stops recorded as requests (<see cref="TrialQueue.RequestStopAsync"/>) on a real database of each
/// provider: recorded once however many processes decide them, never over an operator's request or a finished
/// trial, carried out by the holder's fenced end with the recorded reason.</summary>
public sealed class StopRequestTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int MaxAttempts = 3;
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<SweepRecord> AddSweepAsync(TempDatabase database, int trialCount) =>
        await database.OpenCatalog().AddSweepAsync("stops", "name: stops\n",
            Enumerable.Range(0, trialCount).Select(i => new NewTrial($"seed={i}", $$"""{"seed":{{i}}}""", $"stops-hash-{i}")).ToList(),
            force: false, None);

    private static async Task<ClaimedTrial> ClaimAsync(TempDatabase database, string worker) =>
        (await database.OpenQueue().ClaimNextAsync(worker, Lease, MaxAttempts, None))!;

    private static Task<int> RecordAsync(TempDatabase database, TrialClaim claim, long step) =>
        database.OpenResults().RecordCheckpointAsync(claim, new NewCheckpoint(1, 1, step, $"/ck/{claim.TrialId}/{step}", "sha"), None);

    private static async Task<Trial> ReadTrialAsync(TempDatabase database, int trialId) =>
        await database.OpenContext().Trials.AsNoTracking().SingleAsync(t => t.Id == trialId);

    [SkippableTheory, BothProviders]
    public async Task A_stop_decided_twice_at_once_is_recorded_once_and_the_holder_ends_Stopped_with_its_reason_keeping_its_checkpoints(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        await AddSweepAsync(database, 1);
        var trial = await ClaimAsync(database, "holder");
        int first = await RecordAsync(database, trial.Claim, 10);
        int second = await RecordAsync(database, trial.Claim, 20);

        // Two processes (two nodes firing the job at once, or the job and the holder) decide the same stop.
        var recorded = await Task.WhenAll(
            database.OpenQueue().RequestStopAsync(trial.Id, trial.Attempt, "hyperband band 2: top1 20.00 below threshold 55.00", first, None),
            database.OpenQueue().RequestStopAsync(trial.Id, trial.Attempt, "hyperband band 2: top1 20.00 below threshold 55.00", first, None));
        Assert.Equal(1, recorded.Count(r => r));
        Assert.False(await database.OpenQueue().RequestStopAsync(trial.Id, trial.Attempt, "a later, different decision", second, None));

        var pending = await ReadTrialAsync(database, trial.Id);
        Assert.Equal((TrialState.Running, OperatorRequest.Stop, "hyperband band 2: top1 20.00 below threshold 55.00", first),
            (pending.State, pending.Request, pending.RequestReason, pending.BestCheckpointId));
        // The holder sees it at its next heartbeat; its own marking no longer moves the best checkpoint the rule named.
        Assert.Equal(OperatorRequest.Stop, await database.OpenQueue().HeartbeatAsync(trial.Claim, Lease, new TrialProgress(25, 60, 1, null), None));
        await database.OpenResults().MarkBestCheckpointAsync(trial.Claim, second, None);
        Assert.Equal(OperatorRequest.Stop, await database.OpenQueue().GetRequestAsync(trial.Id, None));

        Assert.Equal(TrialState.Stopped, await database.OpenQueue().EndAttemptAsync(trial.Claim, new AttemptEnd.Settled(OperatorRequest.Stop), MaxAttempts, None));

        var stopped = await ReadTrialAsync(database, trial.Id);
        Assert.Equal((TrialState.Stopped, "hyperband band 2: top1 20.00 below threshold 55.00", (OperatorRequest?)null, (string?)null, (int?)first, (string?)null),
            (stopped.State, stopped.Error, stopped.Request, stopped.RequestReason, stopped.BestCheckpointId, stopped.WorkerId));
        Assert.Equal([10L, 20L], (await database.OpenResults().GetCheckpointsAsync(trial.Id, None)).Select(c => c.Step));
        Assert.False(await database.OpenQueue().RequestStopAsync(trial.Id, trial.Attempt, "again", first, None));
    }

    [SkippableTheory, BothProviders]
    public async Task A_stop_never_overrides_an_operators_cancel_or_pause_a_finished_trial_or_a_newer_attempt_and_an_operator_overrides_it(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 5);
        var cancelled = await ClaimAsync(database, "worker");
        var paused = await ClaimAsync(database, "worker");
        var completed = await ClaimAsync(database, "worker");
        var overridden = await ClaimAsync(database, "worker");
        var retaken = await ClaimAsync(database, "dies");
        var checkpoints = new Dictionary<int, int>();
        foreach (var trial in new[] { cancelled, paused, completed, overridden, retaken })
            checkpoints[trial.Id] = await RecordAsync(database, trial.Claim, 10);
        var queue = database.OpenQueue();
        await queue.CommandAsync([cancelled.Id], TrialTransition.Cancel, None);
        await queue.CommandAsync([paused.Id], TrialTransition.Pause, None);
        Assert.Equal(TrialState.Completed, await queue.EndAttemptAsync(completed.Claim, new AttemptEnd.Completed(), MaxAttempts, None));
        // The dying worker's lease runs out (the others renew theirs) and another worker takes its trial over.
        database.Clock.Advance(Lease - TimeSpan.FromSeconds(10));
        foreach (var held in new[] { cancelled, paused, overridden })
            await queue.HeartbeatAsync(held.Claim, Lease, new TrialProgress(null, null, null, null), None);
        database.Clock.Advance(TimeSpan.FromSeconds(20));
        var takeover = await ClaimAsync(database, "rescuer");
        Assert.Equal((retaken.Id, 2), (takeover.Id, takeover.Attempt));

        foreach (var trial in new[] { cancelled, paused, completed, retaken })
            Assert.False(await queue.RequestStopAsync(trial.Id, trial.Attempt, "peak: ps has not risen", checkpoints[trial.Id], None));

        var trials = await database.OpenContext().Trials.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
        Assert.Equal([(TrialState.Running, OperatorRequest.Cancel), (TrialState.Running, OperatorRequest.Pause), (TrialState.Completed, null),
                (TrialState.Running, null), (TrialState.Running, null)],
            trials.Select(t => (t.State, t.Request)));
        Assert.All(trials, t => Assert.Null(t.RequestReason));
        Assert.Equal(sweep.TrialIds, trials.Select(t => t.Id));

        // An operator's cancel replaces a pending stop, and the holder settles what is stored.
        Assert.True(await queue.RequestStopAsync(overridden.Id, overridden.Attempt, "peak: ps has not risen", checkpoints[overridden.Id], None));
        await queue.CommandAsync([overridden.Id], TrialTransition.Cancel, None);
        Assert.Equal(TrialState.Cancelled, await queue.EndAttemptAsync(overridden.Claim, new AttemptEnd.Settled(OperatorRequest.Stop), MaxAttempts, None));
        var operatorsWord = await ReadTrialAsync(database, overridden.Id);
        Assert.Equal((TrialState.Cancelled, (string?)null, (string?)null), (operatorsWord.State, operatorsWord.Error, operatorsWord.RequestReason));
    }

    [SkippableTheory, BothProviders]
    public async Task A_stop_whose_holder_died_is_carried_out_by_the_next_claimer_and_the_stale_holder_cannot_undo_it(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        await AddSweepAsync(database, 1);
        var dead = await ClaimAsync(database, "dies");
        int checkpoint = await RecordAsync(database, dead.Claim, 10);
        Assert.True(await database.OpenQueue().RequestStopAsync(dead.Id, dead.Attempt, "median: ps 40.0 below the median 55.0", checkpoint, None));

        database.Clock.Advance(Lease * 2);

        Assert.Null(await database.OpenQueue().ClaimNextAsync("next", Lease, MaxAttempts, None));
        var stopped = await ReadTrialAsync(database, dead.Id);
        Assert.Equal((TrialState.Stopped, "median: ps 40.0 below the median 55.0", (OperatorRequest?)null, (string?)null, 1),
            (stopped.State, stopped.Error, stopped.Request, stopped.RequestReason, stopped.Attempts));
        // The old holder wakes up and reports its attempt: refused, nothing changes.
        await Assert.ThrowsAsync<StaleClaimException>(() => database.OpenQueue().EndAttemptAsync(dead.Claim, new AttemptEnd.Completed(), MaxAttempts, None));
        await Assert.ThrowsAsync<StaleClaimException>(() => database.OpenQueue().HeartbeatAsync(dead.Claim, Lease, new TrialProgress(11, 20, 1, null), None));
        Assert.Equal((TrialState.Stopped, "median: ps 40.0 below the median 55.0"), ((await ReadTrialAsync(database, dead.Id)).State, (await ReadTrialAsync(database, dead.Id)).Error));
    }
}
