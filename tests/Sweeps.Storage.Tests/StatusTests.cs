namespace Sweeps.Storage.Tests;

public sealed class StatusTests
{
    private static ScoreValue Top1(double value) => new("top1", "", "", "", value);
    private static ScoreValue Ps(double value) => new("ps", "lpips", "ensemble", "mean", value);

    /// <summary>
    /// Trial 0: epoch 1 (top-1 10, PS 60), epoch 2 (top-1 20, PS 55), epoch 3 (top-1 25 only), plus
    /// PS rows of other layers and categories that must not count; still running. Trial 1: interrupted
    /// before any checkpoint. Trial 2: failed. A second sweep's trial scores higher than all of them and
    /// must not leak in.
    /// </summary>
    private static async Task<(SweepRecord Sweep, SweepRecord Other)> SeedAsync(TempDatabase database)
    {
        var catalog = database.OpenCatalog();
        var store = database.OpenResults();
        var sweep = await catalog.AddSweepAsync("status", "name: demo\n",
            [new("width=0.25", "{}", "a"), new("width=0.5", "{}", "b"), new("width=1", "{}", "c")], force: false, CancellationToken.None);
        var other = await catalog.AddSweepAsync("other", "name: other\n", [new("width=2", "{}", "d")], force: false, CancellationToken.None);
        var claims = await database.ClaimAllAsync("box-1");
        var trial = claims[sweep.TrialIds[0]];

        int epoch1 = await store.RecordCheckpointAsync(trial, new NewCheckpoint(1, 1, 100, "/ck/1", "s1"), CancellationToken.None);
        await store.RecordScoresAsync(trial, epoch1, [Top1(10), Ps(60), new("ps", "lpips", "conv1", "mean", 90), new("ps", "lpips", "ensemble", "weighted_mean", 95)], CancellationToken.None);
        int epoch2 = await store.RecordCheckpointAsync(trial, new NewCheckpoint(2, 2, 200, "/ck/2", "s2"), CancellationToken.None);
        await store.RecordScoresAsync(trial, epoch2, [Top1(20), Ps(55)], CancellationToken.None);
        int epoch3 = await store.RecordCheckpointAsync(trial, new NewCheckpoint(3, 3, 300, "/ck/3", "s3"), CancellationToken.None);
        await store.RecordScoresAsync(trial, epoch3, [Top1(25)], CancellationToken.None);
        await database.OpenQueue().HeartbeatAsync(trial, TimeSpan.FromMinutes(1), new TrialProgress(310, 1000, 512.5, "/ck/trial.log"), CancellationToken.None);

        var queue = database.OpenQueue();
        await queue.EndAttemptAsync(claims[sweep.TrialIds[1]], new AttemptEnd.Interrupted("worker stopped"), 3, CancellationToken.None);
        await queue.EndAttemptAsync(claims[sweep.TrialIds[2]], new AttemptEnd.Failed("out of memory", Sweeps.Faults.FaultKind.Data), 3, CancellationToken.None);

        var otherTrial = claims[other.TrialIds[0]];
        int otherEpoch = await store.RecordCheckpointAsync(otherTrial, new NewCheckpoint(1, 1, 100, "/ck/o1", "o1"), CancellationToken.None);
        await store.RecordScoresAsync(otherTrial, otherEpoch, [Top1(99), Ps(99)], CancellationToken.None);
        return (sweep, other);
    }

    [SkippableTheory, BothProviders]
    public async Task Trial_statuses_carry_the_best_top1_and_ensemble_PS_over_checkpoints_and_the_holders_last_report(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var (sweep, _) = await SeedAsync(database);

        var statuses = await database.OpenCatalog().GetTrialStatusesAsync(sweep.Id, CancellationToken.None);

        Assert.Equal(
        [
            (sweep.TrialIds[0], 0, "width=0.25", TrialState.Running, 3, 1, 0, 0, (double?)25, (double?)60, (string?)null),
            (sweep.TrialIds[1], 1, "width=0.5", TrialState.Queued, 0, 1, 1, 0, null, null, null),
            (sweep.TrialIds[2], 2, "width=1", TrialState.Failed, 0, 1, 0, 1, null, null, "out of memory"),
        ], statuses.Select(t => (t.Id, t.Index, t.Label, t.State, t.CompletedEpochs, t.Attempts, t.Interruptions, t.FailedAttempts, t.BestTop1, t.BestPs, t.Error)));
        var running = statuses[0];
        Assert.Equal(("box-1", 310L, 1000L, (double?)512.5, "/ck/trial.log"),
            (running.WorkerId, running.Step, running.TotalSteps, running.ImagesPerSecond, running.LogPath));
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, running.HeartbeatAt);
        Assert.Null(statuses[1].WorkerId);
    }

    [SkippableTheory, BothProviders]
    public async Task A_checkpoint_scored_again_lower_lowers_the_trials_best_to_what_its_rows_now_say(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var catalog = database.OpenCatalog();
        var store = database.OpenResults();
        var sweep = await catalog.AddSweepAsync("rescored", "name: rescored\n", [new("width=1", "{}", "a")], force: false, CancellationToken.None);
        var trial = (await database.ClaimAllAsync("box-1"))[sweep.TrialIds[0]];
        int first = await store.RecordCheckpointAsync(trial, new NewCheckpoint(1, 1, 100, "/ck/1", "s1"), CancellationToken.None);
        await store.RecordScoresAsync(trial, first, [Top1(30), Ps(70)], CancellationToken.None);
        int second = await store.RecordCheckpointAsync(trial, new NewCheckpoint(2, 2, 200, "/ck/2", "s2"), CancellationToken.None);
        await store.RecordScoresAsync(trial, second, [Top1(40), Ps(65)], CancellationToken.None);
        var before = Assert.Single(await catalog.GetTrialStatusesAsync(sweep.Id, CancellationToken.None));

        // The first checkpoint scored again (as `sweeps score` may): its PS is now 60, below the second's 65.
        await store.RecordScoresAsync(trial, first, [Ps(60)], CancellationToken.None);

        var after = Assert.Single(await catalog.GetTrialStatusesAsync(sweep.Id, CancellationToken.None));
        Assert.Equal(((double?)40, (double?)70), (before.BestTop1, before.BestPs));
        Assert.Equal(((double?)40, (double?)65), (after.BestTop1, after.BestPs));
    }

    [SkippableTheory, BothProviders]
    public async Task Running_trials_of_a_worker_are_those_it_holds_with_their_last_report_and_configuration(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var (sweep, other) = await SeedAsync(database);
        var catalog = database.OpenCatalog();

        Assert.Equal(
            [
                new RunningTrial(sweep.TrialIds[0], "width=0.25", 1, 310, 1000, 512.5, "{}"),
                // No heartbeat yet: the step is its checkpoint's.
                new RunningTrial(other.TrialIds[0], "width=2", 1, 100, 0, null, "{}"),
            ],
            await catalog.GetRunningTrialsAsync("box-1", CancellationToken.None));
        Assert.Empty(await catalog.GetRunningTrialsAsync("box-2", CancellationToken.None));
    }

    [SkippableTheory, BothProviders]
    public async Task Scored_checkpoints_are_those_of_the_sweep_with_both_top1_and_PS(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var (sweep, other) = await SeedAsync(database);
        var store = database.OpenResults();

        Assert.Equal(
            [new ScoredCheckpoint(sweep.TrialIds[0], "width=0.25", 1, 10, 60), new ScoredCheckpoint(sweep.TrialIds[0], "width=0.25", 2, 20, 55)],
            await store.GetScoredCheckpointsAsync(sweep.Id, CancellationToken.None));
        Assert.Equal(
            [new ScoredCheckpoint(other.TrialIds[0], "width=2", 1, 99, 99)],
            await store.GetScoredCheckpointsAsync(other.Id, CancellationToken.None));
    }
}
