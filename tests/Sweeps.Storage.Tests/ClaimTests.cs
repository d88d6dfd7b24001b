using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage.Tests;

public sealed class ClaimTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static async Task<SweepRecord> AddSweepAsync(TempDatabase database, int trialCount) =>
        await database.OpenStore().AddSweepAsync("claims", "name: demo\n",
            Enumerable.Range(0, trialCount).Select(i => new NewTrial($"seed={i}", $$"""{"seed":{{i}}}""", $"hash-{i}")).ToList(),
            force: false, CancellationToken.None);

    private static async Task<Trial> ReadTrialAsync(TempDatabase database, int trialId) =>
        await database.OpenContext().Trials.SingleAsync(t => t.Id == trialId);

    [Fact]
    public async Task Claims_take_queued_trials_oldest_first_and_mark_them_running_under_the_worker()
    {
        await using var database = await TempDatabase.MigratedAsync();
        var sweep = await AddSweepAsync(database, 2);
        var store = database.OpenStore();

        var first = await store.ClaimNextTrialAsync("worker-a", Lease, CancellationToken.None);
        var second = await store.ClaimNextTrialAsync("worker-b", Lease, CancellationToken.None);

        Assert.Equal(new ClaimedTrial(sweep.TrialIds[0], sweep.Id, """{"seed":0}""", 1, "seed=0"), first);
        Assert.Equal(sweep.TrialIds[1], second?.Id);
        Assert.Null(await store.ClaimNextTrialAsync("worker-c", Lease, CancellationToken.None));

        var now = database.Clock.GetUtcNow().UtcDateTime;
        var held = await ReadTrialAsync(database, sweep.TrialIds[0]);
        Assert.Equal(TrialState.Running, held.State);
        Assert.Equal("worker-a", held.WorkerId);
        Assert.Equal(now + Lease, held.LeaseExpiresAt);
        Assert.Equal(now, held.StartedAt);
        Assert.Equal(DateTimeKind.Utc, held.StartedAt?.Kind);
        Assert.Equal(2, await store.CountQueuedOrRunningAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_trial_whose_lease_ran_out_is_claimed_again_with_one_more_attempt()
    {
        await using var database = await TempDatabase.MigratedAsync();
        var sweep = await AddSweepAsync(database, 1);
        var store = database.OpenStore();
        var startedAt = database.Clock.GetUtcNow().UtcDateTime;
        await store.ClaimNextTrialAsync("crashed", Lease, CancellationToken.None);

        database.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Null(await store.ClaimNextTrialAsync("rescuer", Lease, CancellationToken.None));

        database.Clock.Advance(TimeSpan.FromSeconds(2));
        var rescued = await store.ClaimNextTrialAsync("rescuer", Lease, CancellationToken.None);

        Assert.Equal(sweep.TrialIds[0], rescued?.Id);
        Assert.Equal(2, rescued?.Attempts);
        var trial = await ReadTrialAsync(database, sweep.TrialIds[0]);
        Assert.Equal("rescuer", trial.WorkerId);
        Assert.Equal(startedAt, trial.StartedAt);
        Assert.False(await store.RenewLeaseAsync(trial.Id, "crashed", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_holding_worker_renews_a_lease()
    {
        await using var database = await TempDatabase.MigratedAsync();
        var sweep = await AddSweepAsync(database, 1);
        var store = database.OpenStore();
        int trialId = sweep.TrialIds[0];
        await store.ClaimNextTrialAsync("worker-a", Lease, CancellationToken.None);
        database.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.False(await store.RenewLeaseAsync(trialId, "worker-b", Lease, CancellationToken.None));
        Assert.True(await store.RenewLeaseAsync(trialId, "worker-a", Lease, CancellationToken.None));

        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime + Lease, (await ReadTrialAsync(database, trialId)).LeaseExpiresAt);
    }

    [Fact]
    public async Task Release_hands_the_trial_back_to_the_queue_keeping_its_attempts()
    {
        await using var database = await TempDatabase.MigratedAsync();
        var sweep = await AddSweepAsync(database, 1);
        var store = database.OpenStore();
        int trialId = sweep.TrialIds[0];
        await store.ClaimNextTrialAsync("worker-a", Lease, CancellationToken.None);

        await store.ReleaseAsync(trialId, "worker-b", CancellationToken.None);
        Assert.Equal(TrialState.Running, (await ReadTrialAsync(database, trialId)).State);

        await store.ReleaseAsync(trialId, "worker-a", CancellationToken.None);
        var released = await ReadTrialAsync(database, trialId);
        Assert.Equal(TrialState.Queued, released.State);
        Assert.Null(released.LeaseExpiresAt);
        Assert.Equal(1, released.Attempts);
        Assert.False(await store.RenewLeaseAsync(trialId, "worker-a", Lease, CancellationToken.None));

        var again = await store.ClaimNextTrialAsync("worker-b", Lease, CancellationToken.None);
        Assert.Equal(2, again?.Attempts);
    }

    [Fact]
    public async Task Finished_trials_are_never_claimed_and_keep_their_outcome()
    {
        await using var database = await TempDatabase.MigratedAsync();
        var sweep = await AddSweepAsync(database, 3);
        var store = database.OpenStore();
        await store.MarkCompletedAsync(sweep.TrialIds[0], CancellationToken.None);
        await store.MarkFailedAsync(sweep.TrialIds[1], TrialState.Diverged, "loss became NaN at step 40", CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => store.MarkFailedAsync(sweep.TrialIds[2], TrialState.Completed, "not a failure", CancellationToken.None));

        Assert.Equal(sweep.TrialIds[2], (await store.ClaimNextTrialAsync("worker-a", Lease, CancellationToken.None))?.Id);
        database.Clock.Advance(Lease * 2);
        Assert.Equal(sweep.TrialIds[2], (await store.ClaimNextTrialAsync("worker-b", Lease, CancellationToken.None))?.Id);
        Assert.Null(await store.ClaimNextTrialAsync("worker-c", Lease, CancellationToken.None));

        var diverged = await ReadTrialAsync(database, sweep.TrialIds[1]);
        Assert.Equal(TrialState.Diverged, diverged.State);
        Assert.Equal("loss became NaN at step 40", diverged.Error);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime - Lease * 2, diverged.FinishedAt);
        Assert.Equal(TrialState.Completed, (await ReadTrialAsync(database, sweep.TrialIds[0])).State);
    }

    [Fact]
    public async Task Workers_claiming_at_once_on_separate_connections_never_share_a_trial()
    {
        const int trialCount = 60;
        const int workerCount = 4;
        await using var database = await TempDatabase.MigratedAsync();
        var sweep = await AddSweepAsync(database, trialCount);
        var stores = Enumerable.Range(0, workerCount).Select(_ => database.OpenStore()).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racing = stores.Select((store, worker) => Task.Run(async () =>
        {
            await start.Task;
            var mine = new List<int>();
            while (await store.ClaimNextTrialAsync($"worker-{worker}", Lease, CancellationToken.None) is { } claimed)
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
