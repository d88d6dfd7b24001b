using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage.Tests;

public sealed class CheckpointTests
{
    private static async Task<TrialClaim> AddClaimedTrialAsync(TempDatabase database)
    {
        await database.OpenCatalog().AddSweepAsync("checkpoints", "name: demo\n", [new NewTrial("seed=0", "{}", "hash")], force: false, CancellationToken.None);
        return (await database.ClaimAllAsync()).Values.Single();
    }

    [SkippableTheory, BothProviders]
    public async Task Recording_a_step_again_updates_its_row_and_completed_epochs_never_go_back(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var claim = await AddClaimedTrialAsync(database);
        int trialId = claim.TrialId;
        var store = database.OpenResults();

        int first = await store.RecordCheckpointAsync(claim, new NewCheckpoint(2, 2, 200, "/ck/step-200", "aaaa"), CancellationToken.None);
        int again = await store.RecordCheckpointAsync(claim, new NewCheckpoint(2, 2, 200, "/ck/step-200b", "bbbb"), CancellationToken.None);
        int midEpoch = await store.RecordCheckpointAsync(claim, new NewCheckpoint(1, 1.5, 150, "/ck/step-150", "dddd", Scheduled: false), CancellationToken.None);
        int earlier = await store.RecordCheckpointAsync(claim, new NewCheckpoint(1, 1, 100, "/ck/step-100", "cccc"), CancellationToken.None);
        await store.MarkCheckpointFileDeletedAsync(claim, earlier, CancellationToken.None);

        Assert.Equal(first, again);
        var checkpoints = await store.GetCheckpointsAsync(trialId, CancellationToken.None);
        Assert.Equal(
        [
            new CheckpointRecord(earlier, 1, 1, 100, "/ck/step-100", "cccc", false, FileDeleted: true, Attempt: 1, Scheduled: true),
            new CheckpointRecord(midEpoch, 1, 1.5, 150, "/ck/step-150", "dddd", false, FileDeleted: false, Attempt: 1, Scheduled: false),
            new CheckpointRecord(first, 2, 2, 200, "/ck/step-200b", "bbbb", false, FileDeleted: false, Attempt: 1, Scheduled: true),
        ], checkpoints);
        var trial = await database.OpenContext().Trials.SingleAsync(t => t.Id == trialId);
        Assert.Equal((2, 200L, 1), (trial.CompletedEpochs, trial.Step, trial.ProgressAttempt));
    }

    [SkippableTheory, BothProviders]
    public async Task The_newest_score_id_grows_with_every_new_score_row_and_stays_when_none_is_added(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var claim = await AddClaimedTrialAsync(database);
        var store = database.OpenResults();
        Assert.Equal(0, await store.GetNewestScoreIdAsync(CancellationToken.None));
        int checkpointId = await store.RecordCheckpointAsync(claim, new NewCheckpoint(1, 1, 100, "/ck/epoch-1.bin", "aaaa"), CancellationToken.None);
        Assert.Equal(0, await store.GetNewestScoreIdAsync(CancellationToken.None));

        await store.RecordScoresAsync(claim, checkpointId, [new("top1", "", "", "", 12.5)], CancellationToken.None);
        int first = await store.GetNewestScoreIdAsync(CancellationToken.None);
        await store.RecordScoresAsync(claim, checkpointId, [new("top1", "", "", "", 13.0)], CancellationToken.None);
        Assert.Equal(first, await store.GetNewestScoreIdAsync(CancellationToken.None));
        await store.RecordScoresAsync(claim, checkpointId, [new("ps", "lpips", "ensemble", "mean", 61.0)], CancellationToken.None);
        Assert.True(await store.GetNewestScoreIdAsync(CancellationToken.None) > first);
    }

    [SkippableTheory, BothProviders]
    public async Task Recording_scores_again_updates_values_without_duplicating_rows(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var claim = await AddClaimedTrialAsync(database);
        int trialId = claim.TrialId;
        var store = database.OpenResults();
        int checkpointId = await store.RecordCheckpointAsync(claim, new NewCheckpoint(1, 1, 100, "/ck/epoch-1.bin", "aaaa"), CancellationToken.None);

        await store.RecordScoresAsync(claim, checkpointId,
            [new("top1", "", "", "", 12.5), new("ps", "lpips", "ensemble", "mean", 61.0)], CancellationToken.None);
        await store.RecordScoresAsync(claim, checkpointId,
            [new("top1", "", "", "", 13.0), new("ps", "lpips", "ensemble", "mean", 62.5), new("ps", "lpips", "conv1", "mean", 58.0)],
            CancellationToken.None);

        var rows = await database.OpenContext().Scores.Where(s => s.CheckpointId == checkpointId)
            .OrderBy(s => s.Metric).ThenBy(s => s.Layer)
            .Select(s => new ScoreValue(s.Metric, s.Function, s.Layer, s.Category, s.Value))
            .ToListAsync();
        Assert.Equal(
            [new ScoreValue("ps", "lpips", "conv1", "mean", 58.0), new ScoreValue("ps", "lpips", "ensemble", "mean", 62.5), new ScoreValue("top1", "", "", "", 13.0)],
            rows);
        Assert.True(Assert.Single(await store.GetCheckpointsAsync(trialId, CancellationToken.None)).HasScores);
    }
}
