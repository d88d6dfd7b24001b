using Microsoft.EntityFrameworkCore;
using Sweeps.Faults;

namespace Sweeps.Storage.Tests;

/// <summary>Claims, leases, fencing tokens, the end of attempts and operator commands on a real database of each provider.</summary>
public sealed class TrialQueueTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int MaxAttempts = 3;
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task<SweepRecord> AddSweepAsync(TempDatabase database, int trialCount, int priority = 0, string name = "claims") =>
        await database.OpenCatalog().AddSweepAsync(name, "name: demo\n",
            Enumerable.Range(0, trialCount).Select(i => new NewTrial($"seed={i}", $$"""{"seed":{{i}}}""", $"{name}-hash-{i}")).ToList(),
            force: false, None, priority);

    private static async Task<Trial> ReadTrialAsync(TempDatabase database, int trialId) =>
        await database.OpenContext().Trials.SingleAsync(t => t.Id == trialId);

    private static Task<ClaimedTrial?> ClaimAsync(TempDatabase database, string worker) =>
        database.OpenQueue().ClaimNextAsync(worker, Lease, MaxAttempts, None);

    private static Task<int> RecordAsync(TempDatabase database, TrialClaim claim, long step) =>
        database.OpenResults().RecordCheckpointAsync(claim, new NewCheckpoint(1, 1, step, $"/ck/{step}", "sha"), None);

    [SkippableTheory, BothProviders]
    public async Task Claims_take_queued_trials_oldest_first_and_mark_them_running_under_the_worker(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 2);

        var first = await ClaimAsync(database, "worker-a");
        var second = await ClaimAsync(database, "worker-b");

        Assert.Equal(new ClaimedTrial(new TrialClaim(sweep.TrialIds[0], 1, "worker-a"), sweep.Id, """{"seed":0}""", "seed=0"), first);
        Assert.Equal(sweep.TrialIds[1], second?.Id);
        Assert.Null(await ClaimAsync(database, "worker-c"));

        var now = database.Clock.GetUtcNow().UtcDateTime;
        var held = await ReadTrialAsync(database, sweep.TrialIds[0]);
        Assert.Equal((TrialState.Running, "worker-a", (DateTime?)(now + Lease), (DateTime?)now), (held.State, held.WorkerId, held.LeaseExpiresAt, held.StartedAt));
        Assert.Equal(DateTimeKind.Utc, held.StartedAt?.Kind);
        Assert.Equal(2, await database.OpenQueue().CountQueuedOrRunningAsync(None));
    }

    [SkippableTheory, BothProviders]
    public async Task Higher_priority_sweeps_are_claimed_first_and_a_reused_trial_takes_the_higher_priority(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var background = await AddSweepAsync(database, 2, priority: 0, name: "background");
        var urgent = await AddSweepAsync(database, 1, priority: 5, name: "urgent");
        // Lists background's second trial again, more urgently than either.
        var reuse = await database.OpenCatalog().AddSweepAsync("reuse", "name: r\n", [new NewTrial("again", "{}", "background-hash-1")], force: false, None, priority: 9);

        var order = new List<int>();
        while (await ClaimAsync(database, "worker") is { } claimed) order.Add(claimed.Id);

        Assert.Equal(background.TrialIds[1], Assert.Single(reuse.TrialIds));
        Assert.Equal([background.TrialIds[1], urgent.TrialIds[0], background.TrialIds[0]], order);
    }

    [SkippableTheory, BothProviders]
    public async Task A_dead_holders_trial_is_taken_over_once_its_lease_runs_out_and_counts_as_an_interruption_when_it_had_progressed(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 1);
        var startedAt = database.Clock.GetUtcNow().UtcDateTime;
        var crashed = (await ClaimAsync(database, "crashed"))!;
        await RecordAsync(database, crashed.Claim, 10);

        database.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Null(await ClaimAsync(database, "rescuer"));
        database.Clock.Advance(TimeSpan.FromSeconds(2));
        var rescued = await ClaimAsync(database, "rescuer");

        Assert.Equal(new TrialClaim(sweep.TrialIds[0], 2, "rescuer"), rescued?.Claim);
        var trial = await ReadTrialAsync(database, sweep.TrialIds[0]);
        Assert.Equal((TrialState.Running, 2, 1, 0, 0, startedAt), (trial.State, trial.Attempts, trial.Interruptions, trial.FailedAttempts, trial.ConsecutiveFailures, trial.StartedAt!.Value));
    }

    [SkippableTheory, BothProviders]
    public async Task Expired_leases_are_concluded_without_a_claim_once_however_many_nodes_run_the_job_at_once(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 3);
        var dead = (await ClaimAsync(database, "dead-box"))!;
        await RecordAsync(database, dead.Claim, 10);
        var alive = (await ClaimAsync(database, "live-box"))!;
        database.Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await database.OpenQueue().HeartbeatAsync(alive.Claim, Lease, new TrialProgress(5, 100, null, null), None);

        // Two cluster nodes firing the job at the same moment (Quartz.NET #2817).
        var runs = await Task.WhenAll(
            database.OpenQueue().ConcludeExpiredLeasesAsync(MaxAttempts, None),
            database.OpenQueue().ConcludeExpiredLeasesAsync(MaxAttempts, None));

        Assert.Equal([dead.Id], runs.SelectMany(concluded => concluded));
        var requeued = await ReadTrialAsync(database, dead.Id);
        // It had recorded a checkpoint: an interruption, back in the queue, nobody's, not claimed (still 1 attempt).
        Assert.Equal((TrialState.Queued, 1, 1, 0, null), (requeued.State, requeued.Attempts, requeued.Interruptions, requeued.FailedAttempts, requeued.WorkerId));
        Assert.Equal((TrialState.Running, "live-box"), ((await ReadTrialAsync(database, alive.Id)).State, (await ReadTrialAsync(database, alive.Id)).WorkerId));
        Assert.Equal(TrialState.Queued, (await ReadTrialAsync(database, sweep.TrialIds[2])).State);
    }

    [SkippableTheory, BothProviders]
    public async Task A_trial_killed_again_and_again_keeps_going_while_it_progresses_and_fails_after_MaxAttempts_deaths_without_progress(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 1);
        int trialId = sweep.TrialIds[0];

        // Ten deaths, each after a new checkpoint: never failed.
        for (int death = 1; death <= 10; death++)
        {
            var claimed = (await ClaimAsync(database, $"box-{death}"))!;
            await RecordAsync(database, claimed.Claim, death * 10);
            database.Clock.Advance(Lease * 2);
        }
        var progressing = await ReadTrialAsync(database, trialId);
        // The tenth attempt's death is only found by the next claim.
        Assert.Equal((TrialState.Running, 10, 9, 0), (progressing.State, progressing.Attempts, progressing.Interruptions, progressing.FailedAttempts));

        // Then three deaths in a row without a checkpoint, the last reporting step 123.
        for (int death = 1; death <= MaxAttempts; death++)
        {
            var claimed = (await ClaimAsync(database, $"doomed-{death}"))!;
            await database.OpenQueue().HeartbeatAsync(claimed.Claim, Lease, new TrialProgress(123, 1000, null, "/ck/trial-1/trial.log"), None);
            database.Clock.Advance(Lease * 2);
        }
        Assert.Null(await ClaimAsync(database, "one-more"));

        var failed = await ReadTrialAsync(database, trialId);
        Assert.Equal((TrialState.Failed, 13, 10, 3, 3), (failed.State, failed.Attempts, failed.Interruptions, failed.FailedAttempts, failed.ConsecutiveFailures));
        Assert.Equal("gave up after 3 failed attempt(s) in a row without progress; the last: the worker doomed-3 running attempt 13 stopped "
            + "renewing its lease before writing a checkpoint, near step 123; log: /ck/trial-1/trial.log", failed.Error);
        Assert.Null(failed.WorkerId);
    }

    [SkippableTheory, BothProviders]
    public async Task Every_write_under_a_stale_claim_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 1);
        var stale = (await ClaimAsync(database, "slow"))!.Claim;
        int staleCheckpoint = await RecordAsync(database, stale, 10);
        database.Clock.Advance(Lease * 2);
        var current = (await ClaimAsync(database, "fast"))!.Claim;
        int currentCheckpoint = await RecordAsync(database, current, 20);

        var queue = database.OpenQueue();
        var results = database.OpenResults();
        await Assert.ThrowsAsync<StaleClaimException>(() => RecordAsync(database, stale, 30));
        await Assert.ThrowsAsync<StaleClaimException>(() => results.RecordScoresAsync(stale, currentCheckpoint, [new("top1", "", "", "", 1)], None));
        await Assert.ThrowsAsync<StaleClaimException>(() => results.MarkCheckpointFileDeletedAsync(stale, staleCheckpoint, None));
        await Assert.ThrowsAsync<StaleClaimException>(() => queue.HeartbeatAsync(stale, Lease, new TrialProgress(35, 100, 1, null), None));
        foreach (AttemptEnd end in new AttemptEnd[]
                 {
                     new AttemptEnd.Completed(), new AttemptEnd.Failed("boom", null), new AttemptEnd.Interrupted("stopped"),
                     new AttemptEnd.Settled(OperatorRequest.Cancel), new AttemptEnd.Died("exit 137"),
                 })
            await Assert.ThrowsAsync<StaleClaimException>(() => queue.EndAttemptAsync(stale, end, MaxAttempts, None));
        // The same attempt number under another worker's name is not the claim either.
        await Assert.ThrowsAsync<StaleClaimException>(() => RecordAsync(database, current with { WorkerId = "slow" }, 40));

        var trial = await ReadTrialAsync(database, sweep.TrialIds[0]);
        Assert.Equal((TrialState.Running, 2, "fast", 20L, 2), (trial.State, trial.Attempts, trial.WorkerId, trial.Step, trial.ProgressAttempt));
        var checkpoints = await results.GetCheckpointsAsync(trial.Id, None);
        Assert.Equal([(10L, 1, false), (20L, 2, false)], checkpoints.Select(c => (c.Step, c.Attempt, c.FileDeleted)));
        Assert.Empty(await database.OpenContext().Scores.ToListAsync());
        Assert.Equal(TrialState.Completed, await queue.EndAttemptAsync(current, new AttemptEnd.Completed(), MaxAttempts, None));
    }

    [SkippableTheory, BothProviders]
    public async Task Ended_attempts_follow_the_lifecycle_and_finished_trials_are_never_claimed(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 4);
        var queue = database.OpenQueue();
        var claims = await database.ClaimAllAsync();
        TrialClaim Claim(int index) => claims[sweep.TrialIds[index]];

        Assert.Equal(TrialState.Completed, await queue.EndAttemptAsync(Claim(0), new AttemptEnd.Completed(), MaxAttempts, None));
        Assert.Equal(TrialState.Failed, await queue.EndAttemptAsync(Claim(1), new AttemptEnd.Failed("no such folder", FaultKind.Data), MaxAttempts, None));
        Assert.Equal(TrialState.Queued, await queue.EndAttemptAsync(Claim(2), new AttemptEnd.Failed("loss NaN at step 40", FaultKind.Trial), MaxAttempts, None));
        Assert.Equal(TrialState.Queued, await queue.EndAttemptAsync(Claim(3), new AttemptEnd.Interrupted("the worker was stopped"), MaxAttempts, None));

        database.Clock.Advance(Lease * 2);
        var again = new List<int>();
        while (await ClaimAsync(database, "second") is { } claimed) again.Add(claimed.Id);
        Assert.Equal([sweep.TrialIds[2], sweep.TrialIds[3]], again);

        var retried = await ReadTrialAsync(database, sweep.TrialIds[2]);
        Assert.Equal((2, 1, 1, 0), (retried.Attempts, retried.FailedAttempts, retried.ConsecutiveFailures, retried.Interruptions));
        Assert.Equal("attempt 1 failed (1 of 3 in a row): loss NaN at step 40", retried.Error);
        var interrupted = await ReadTrialAsync(database, sweep.TrialIds[3]);
        Assert.Equal((2, 0, 1), (interrupted.Attempts, interrupted.FailedAttempts, interrupted.Interruptions));
        var failed = await ReadTrialAsync(database, sweep.TrialIds[1]);
        Assert.Equal((TrialState.Failed, "no such folder", (DateTime?)(database.Clock.GetUtcNow().UtcDateTime - Lease * 2)), (failed.State, failed.Error, failed.FinishedAt));
    }

    [SkippableTheory, BothProviders]
    public async Task Operators_cancel_and_pause_idle_trials_at_once_and_ask_running_ones_which_settle_after_a_checkpoint(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 3);
        var running = (await ClaimAsync(database, "worker"))!.Claim;
        var queue = database.OpenQueue();

        var paused = await queue.CommandAsync(sweep.TrialIds, TrialTransition.Pause, None);
        Assert.Equal([(TrialState.Running, true), (TrialState.Paused, false), (TrialState.Paused, false)], paused.Select(o => (o.State, o.Requested)));
        Assert.Null(await ClaimAsync(database, "other"));
        Assert.Equal(OperatorRequest.Pause, await queue.HeartbeatAsync(running, Lease, new TrialProgress(5, 10, 1, null), None));
        Assert.Equal(TrialState.Paused, await queue.EndAttemptAsync(running, new AttemptEnd.Settled(OperatorRequest.Pause), MaxAttempts, None));

        var resumed = await queue.CommandAsync(sweep.TrialIds, TrialTransition.Resume, None);
        Assert.All(resumed, o => Assert.Equal(TrialState.Queued, o.State));
        var cancelled = await queue.CommandAsync([sweep.TrialIds[2]], TrialTransition.Cancel, None);
        Assert.Equal(TrialState.Cancelled, Assert.Single(cancelled).State);
        var refused = await queue.CommandAsync([sweep.TrialIds[2]], TrialTransition.Resume, None);
        Assert.Equal($"Trial {sweep.TrialIds[2]} is Cancelled; it cannot resume (allowed from: Paused).", Assert.Single(refused).Refused);

        var retried = await queue.CommandAsync([sweep.TrialIds[2]], TrialTransition.Retry, None);
        Assert.Equal(TrialState.Queued, Assert.Single(retried).State);
        var states = await database.OpenContext().Trials.OrderBy(t => t.Id).Select(t => t.State).ToListAsync();
        Assert.Equal([TrialState.Queued, TrialState.Queued, TrialState.Queued], states);
    }

    [SkippableTheory, BothProviders]
    public async Task A_request_to_a_trial_whose_worker_died_is_carried_out_by_the_next_claimer_instead_of_training_it(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 1);
        await ClaimAsync(database, "dies");
        await database.OpenQueue().CommandAsync(sweep.TrialIds, TrialTransition.Cancel, None);

        database.Clock.Advance(Lease * 2);

        Assert.Null(await ClaimAsync(database, "next"));
        var trial = await ReadTrialAsync(database, sweep.TrialIds[0]);
        Assert.Equal((TrialState.Cancelled, (OperatorRequest?)null, (string?)null), (trial.State, trial.Request, trial.WorkerId));
    }

    [SkippableTheory, BothProviders]
    public async Task Resuming_a_running_trial_that_was_asked_to_pause_withdraws_the_request(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 1);
        var claim = (await ClaimAsync(database, "worker"))!.Claim;
        var queue = database.OpenQueue();
        await queue.CommandAsync(sweep.TrialIds, TrialTransition.Pause, None);

        var resumed = Assert.Single(await queue.CommandAsync(sweep.TrialIds, TrialTransition.Resume, None));

        Assert.Equal((TrialState.Running, (string?)null), (resumed.State, resumed.Refused));
        Assert.Null(await queue.HeartbeatAsync(claim, Lease, new TrialProgress(1, 2, null, null), None));
    }

    [SkippableTheory, BothProviders]
    public async Task A_worker_restarted_under_its_fixed_id_takes_back_at_once_what_its_previous_run_held(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, 3);
        var progressed = (await ClaimAsync(database, "box-1"))!.Claim;
        await RecordAsync(database, progressed, 10);
        var fresh = (await ClaimAsync(database, "box-1"))!.Claim;
        var elsewhere = (await ClaimAsync(database, "box-2"))!.Claim;

        // Leases still run for two minutes; no waiting for them.
        var recovered = await database.OpenQueue().RecoverAsync("box-1", MaxAttempts, None);

        Assert.Equal([progressed.TrialId, fresh.TrialId], recovered.Order());
        var trials = await database.OpenContext().Trials.OrderBy(t => t.Id).ToListAsync();
        Assert.Equal([(TrialState.Queued, 1, 0), (TrialState.Queued, 0, 1), (TrialState.Running, 0, 0)],
            trials.Select(t => (t.State, t.Interruptions, t.FailedAttempts)));
        Assert.Equal("box-2", trials[2].WorkerId);
        Assert.Empty(await database.OpenQueue().RecoverAsync("box-1", MaxAttempts, None));
        Assert.Equal(sweep.TrialIds[0], (await ClaimAsync(database, "box-1"))?.Id);
        Assert.Equal(elsewhere.TrialId, sweep.TrialIds[2]);
    }

    [SkippableTheory, BothProviders]
    public async Task Workers_report_heartbeats_and_notes_and_only_recent_ones_are_listed(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var registry = database.OpenRegistry();
        var started = database.Clock.GetUtcNow().UtcDateTime;
        await registry.BeatAsync("box-1", started, null, None);
        await registry.BeatAsync("box-2", started, null, None);
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        await registry.BeatAsync("box-2", started, "not claiming: 10 MB free", None);

        var recent = await database.OpenRegistry().ListAsync(TimeSpan.FromMinutes(1), None);

        var now = database.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal([new WorkerStatus("box-2", started, now, "not claiming: 10 MB free")], recent);
        Assert.Equal(["box-2", "box-1"], (await registry.ListAsync(TimeSpan.FromMinutes(10), None)).Select(w => w.Id));
    }

    [SkippableFact]
    public async Task On_PostgreSQL_a_claim_passes_over_a_trial_another_transaction_has_locked_instead_of_waiting()
    {
        await using var database = await TempDatabase.MigratedAsync(DatabaseProvider.PostgreSql);
        var sweep = await AddSweepAsync(database, 2);
        var holder = database.OpenContext();
        var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Trials" WHERE "Id" = {sweep.TrialIds[0]} FOR UPDATE""");

        var passedOver = await ClaimAsync(database, "worker").WaitAsync(TimeSpan.FromSeconds(30));
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        var released = await ClaimAsync(database, "worker");

        Assert.Equal<int?>([sweep.TrialIds[1], sweep.TrialIds[0]], [passedOver?.Id, released?.Id]);
    }

    [SkippableTheory, BothProviders]
    public async Task Workers_claiming_at_once_on_separate_connections_never_share_a_trial(DatabaseProvider provider)
    {
        const int trialCount = 60;
        const int workerCount = 4;
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await AddSweepAsync(database, trialCount);
        var queues = Enumerable.Range(0, workerCount).Select(_ => database.OpenQueue()).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racing = queues.Select((queue, worker) => Task.Run(async () =>
        {
            await start.Task;
            var mine = new List<int>();
            while (await queue.ClaimNextAsync($"worker-{worker}", Lease, MaxAttempts, None) is { } claimed)
                mine.Add(claimed.Id);
            return mine;
        })).ToList();
        start.SetResult();
        var claims = await Task.WhenAll(racing);

        var all = claims.SelectMany(ids => ids).Order().ToList();
        Assert.Equal(sweep.TrialIds, all);
        var trials = await database.OpenContext().Trials.ToListAsync();
        Assert.All(trials, t => Assert.Equal(1, t.Attempts));
        for (int worker = 0; worker < workerCount; worker++)
            Assert.Equal(claims[worker].Order(), trials.Where(t => t.WorkerId == $"worker-{worker}").Select(t => t.Id).Order());
    }
}
