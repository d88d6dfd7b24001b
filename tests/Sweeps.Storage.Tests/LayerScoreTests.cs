namespace Sweeps.Storage.Tests;

public sealed class LayerScoreTests
{
    private static ScoreValue LayerPs(string layer, double value) => new("ps", "lpips", layer, "mean", value);

    [SkippableTheory, BothProviders]
    public async Task Each_trial_gives_the_lpips_layer_means_of_its_newest_checkpoint_with_PS_in_scoring_order(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var catalog = database.OpenCatalog();
        var store = database.OpenResults();
        var sweep = await catalog.AddSweepAsync("layers", "name: layers\n",
            [new("width=0.25", "{}", "a"), new("width=0.5", "{}", "b"), new("width=1", "{}", "c")], force: false, CancellationToken.None);
        var other = await catalog.AddSweepAsync("other", "name: other\n", [new("width=2", "{}", "d")], force: false, CancellationToken.None);
        var claims = await database.ClaimAllAsync();
        var (narrow, wide) = (claims[sweep.TrialIds[0]], claims[sweep.TrialIds[1]]);

        int first = await store.RecordCheckpointAsync(narrow, new NewCheckpoint(1, 1, 100, "/ck/1", "s1"), CancellationToken.None);
        await store.RecordScoresAsync(narrow, first, [LayerPs("stage1", 70), LayerPs("stage2", 71), LayerPs("ensemble", 72)], CancellationToken.None);
        int second = await store.RecordCheckpointAsync(narrow, new NewCheckpoint(1, 1.5, 150, "/ck/2", "s2"), CancellationToken.None);
        await store.RecordScoresAsync(narrow, second,
        [
            LayerPs("stage1", 60), new("ps", "meanpool", "stage1", "mean", 99), LayerPs("stage2", 61),
            new("ps", "lpips", "stage2", "weighted_mean", 98), new("sensitivity", "lpips", "stage2", "mean", 0.5), LayerPs("ensemble", 62),
        ], CancellationToken.None);
        int unscored = await store.RecordCheckpointAsync(narrow, new NewCheckpoint(2, 2, 200, "/ck/3", "s3"), CancellationToken.None);
        await store.RecordScoresAsync(narrow, unscored, [new("top1", "", "", "", 40)], CancellationToken.None);
        int wideCheckpoint = await store.RecordCheckpointAsync(wide, new NewCheckpoint(1, 1, 100, "/ck/w", "w"), CancellationToken.None);
        await store.RecordScoresAsync(wide, wideCheckpoint, [LayerPs("stage1", 80), LayerPs("ensemble", 81)], CancellationToken.None);
        int otherCheckpoint = await store.RecordCheckpointAsync(claims[other.TrialIds[0]], new NewCheckpoint(1, 1, 100, "/ck/o", "o"), CancellationToken.None);
        await store.RecordScoresAsync(claims[other.TrialIds[0]], otherCheckpoint, [LayerPs("stage1", 10)], CancellationToken.None);

        var layers = await store.GetLayerScoresAsync(sweep.Id, CancellationToken.None);

        Assert.Equal(
        [
            new LayerScore(narrow.TrialId, "width=0.25", 1.5, "stage1", 60),
            new LayerScore(narrow.TrialId, "width=0.25", 1.5, "stage2", 61),
            new LayerScore(narrow.TrialId, "width=0.25", 1.5, "ensemble", 62),
            new LayerScore(wide.TrialId, "width=0.5", 1, "stage1", 80),
            new LayerScore(wide.TrialId, "width=0.5", 1, "ensemble", 81),
        ], layers);
    }

    [SkippableTheory, BothProviders]
    public async Task A_marked_best_checkpoint_gives_the_layers_the_status_line_and_is_flagged_among_the_scored_checkpoints(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var store = database.OpenResults();
        var sweep = await database.OpenCatalog().AddSweepAsync("best", "name: best\n", [new("width=0.25", "{}", "a")], force: false, CancellationToken.None);
        var claim = (await database.ClaimAllAsync())[sweep.TrialIds[0]];
        var ids = new List<int>();
        foreach (var (step, ps) in new[] { (100, 72.0), (200, 70.0) })
        {
            int id = await store.RecordCheckpointAsync(claim, new NewCheckpoint(step / 100, step / 100, step, $"/ck/{step}", "s"), CancellationToken.None);
            await store.RecordScoresAsync(claim, id, [new("top1", "", "", "", step / 10), LayerPs("stage1", ps - 1), LayerPs("ensemble", ps)], CancellationToken.None);
            ids.Add(id);
        }

        await store.MarkBestCheckpointAsync(claim, ids[0], CancellationToken.None);

        Assert.Equal(
            [new LayerScore(claim.TrialId, "width=0.25", 1, "stage1", 71), new LayerScore(claim.TrialId, "width=0.25", 1, "ensemble", 72)],
            await store.GetLayerScoresAsync(sweep.Id, CancellationToken.None));
        Assert.Equal(
            [new ScoredCheckpoint(claim.TrialId, "width=0.25", 1, 10, 72, IsBest: true), new ScoredCheckpoint(claim.TrialId, "width=0.25", 2, 20, 70)],
            await store.GetScoredCheckpointsAsync(sweep.Id, CancellationToken.None));
        var status = Assert.Single(await database.OpenCatalog().GetTrialStatusesAsync(sweep.Id, CancellationToken.None));
        Assert.Equal(new BestCheckpoint(1, 10, 72), status.Best);
        Assert.Equal((20.0, 72.0), (status.BestTop1, status.BestPs));
    }
}
