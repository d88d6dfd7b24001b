namespace Sweeps.Storage.Tests;

public sealed class StatusTests
{
    private static ScoreValue Top1(double value) => new("top1", "", "", "", value);
    private static ScoreValue Ps(double value) => new("ps", "lpips", "ensemble", "mean", value);

    /// <summary>
    /// Trial 0: epoch 1 (top-1 10, PS 60), epoch 2 (top-1 20, PS 55), epoch 3 (top-1 25 only), plus
    /// PS rows of other layers and categories that must not count. Trial 1: no checkpoint. Trial 2: failed.
    /// A second sweep's trial scores higher than all of them and must not leak in.
    /// </summary>
    private static async Task<(SweepRecord Sweep, SweepRecord Other)> SeedAsync(TempDatabase database)
    {
        var store = database.OpenStore();
        var sweep = await store.AddSweepAsync("status", "name: demo\n",
            [new("width=0.25", "{}", "a"), new("width=0.5", "{}", "b"), new("width=1", "{}", "c")], force: false, CancellationToken.None);
        var other = await store.AddSweepAsync("other", "name: other\n", [new("width=2", "{}", "d")], force: false, CancellationToken.None);
        int trial = sweep.TrialIds[0];

        await store.ClaimNextTrialAsync("worker", TimeSpan.FromMinutes(1), CancellationToken.None);
        int epoch1 = await store.RecordCheckpointAsync(trial, new NewCheckpoint(1, 1, 100, "/ck/1", "s1"), CancellationToken.None);
        await store.RecordScoresAsync(epoch1, [Top1(10), Ps(60), new("ps", "lpips", "conv1", "mean", 90), new("ps", "lpips", "ensemble", "weighted_mean", 95)], CancellationToken.None);
        int epoch2 = await store.RecordCheckpointAsync(trial, new NewCheckpoint(2, 2, 200, "/ck/2", "s2"), CancellationToken.None);
        await store.RecordScoresAsync(epoch2, [Top1(20), Ps(55)], CancellationToken.None);
        int epoch3 = await store.RecordCheckpointAsync(trial, new NewCheckpoint(3, 3, 300, "/ck/3", "s3"), CancellationToken.None);
        await store.RecordScoresAsync(epoch3, [Top1(25)], CancellationToken.None);

        await store.MarkFailedAsync(sweep.TrialIds[2], TrialState.Failed, "out of memory", CancellationToken.None);

        int otherEpoch = await store.RecordCheckpointAsync(other.TrialIds[0], new NewCheckpoint(1, 1, 100, "/ck/o1", "o1"), CancellationToken.None);
        await store.RecordScoresAsync(otherEpoch, [Top1(99), Ps(99)], CancellationToken.None);
        return (sweep, other);
    }

    [Fact]
    public async Task Trial_statuses_carry_the_best_top1_and_ensemble_PS_over_checkpoints()
    {
        await using var database = await TempDatabase.MigratedAsync();
        var (sweep, _) = await SeedAsync(database);

        var statuses = await database.OpenStore().GetTrialStatusesAsync(sweep.Id, CancellationToken.None);

        Assert.Equal(
        [
            new TrialStatus(sweep.TrialIds[0], 0, "width=0.25", TrialState.Running, 3, 1, 25, 60, null, Reused: false),
            new TrialStatus(sweep.TrialIds[1], 1, "width=0.5", TrialState.Queued, 0, 0, null, null, null, Reused: false),
            new TrialStatus(sweep.TrialIds[2], 2, "width=1", TrialState.Failed, 0, 0, null, null, "out of memory", Reused: false),
        ], statuses);
    }

    [Fact]
    public async Task Scored_checkpoints_are_those_of_the_sweep_with_both_top1_and_PS()
    {
        await using var database = await TempDatabase.MigratedAsync();
        var (sweep, other) = await SeedAsync(database);
        var store = database.OpenStore();

        Assert.Equal(
            [new ScoredCheckpoint(sweep.TrialIds[0], "width=0.25", 1, 10, 60), new ScoredCheckpoint(sweep.TrialIds[0], "width=0.25", 2, 20, 55)],
            await store.GetScoredCheckpointsAsync(sweep.Id, CancellationToken.None));
        Assert.Equal(
            [new ScoredCheckpoint(other.TrialIds[0], "width=2", 1, 99, 99)],
            await store.GetScoredCheckpointsAsync(other.Id, CancellationToken.None));
    }
}
