using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage.Tests;

public sealed class SweepSubmissionTests
{
    private static readonly NewTrial[] ThreeTrials =
    [
        new("model.depth=6", """{"model":{"depth":6}}""", "hash-a"),
        new("model.depth=18", """{"model":{"depth":18}}""", "hash-b"),
        new("model.depth=34", """{"model":{"depth":34}}""", "hash-c"),
    ];

    [SkippableTheory, BothProviders]
    public async Task Added_trials_are_queued_in_order_with_their_configs_unchanged(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await database.OpenCatalog().AddSweepAsync("depths", "name: demo\n", ThreeTrials, force: false, CancellationToken.None);

        Assert.Equal("8789e7eabb7ba5922a5087c25d315a1e5fbb6b0f97510862579d348428dbd9d4", sweep.YamlSha256);
        Assert.Equal(3, sweep.TrialIds.Count);
        var stored = await database.OpenContext().Trials.Where(t => t.SweepId == sweep.Id).OrderBy(t => t.Id).ToListAsync();
        Assert.Equal(sweep.TrialIds, stored.Select(t => t.Id));
        var members = await database.OpenContext().SweepTrials.Where(m => m.SweepId == sweep.Id).OrderBy(m => m.Index).ToListAsync();
        Assert.Equal([0, 1, 2], members.Select(m => m.Index));
        Assert.Equal(sweep.TrialIds, members.Select(m => m.TrialId));
        Assert.All(members, m => Assert.False(m.Reused));
        Assert.Equal(ThreeTrials, stored.Select(t => new NewTrial(t.Label, t.ConfigJson, t.ConfigHash)));
        Assert.All(stored, t =>
        {
            Assert.Equal(TrialState.Queued, t.State);
            Assert.Equal(0, t.Attempts);
            Assert.Null(t.WorkerId);
            Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, t.CreatedAt);
            Assert.Equal(DateTimeKind.Utc, t.CreatedAt.Kind);
        });
        Assert.Equal(3, await database.OpenQueue().CountQueuedOrRunningAsync(CancellationToken.None));
    }

    [SkippableTheory, BothProviders]
    public async Task A_sweep_is_found_by_id_or_as_the_newest_of_its_name(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var store = database.OpenCatalog();
        var first = await store.AddSweepAsync("depths", "name: demo\n", ThreeTrials, force: false, CancellationToken.None);
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        var rerun = await store.AddSweepAsync("depths", "name: demo\n", ThreeTrials[..1], force: true, CancellationToken.None);
        var numericName = await store.AddSweepAsync("2024", "name: other\n", [], force: false, CancellationToken.None);

        Assert.Equal(first.Id, (await store.FindSweepAsync(first.Id.ToString(), CancellationToken.None))?.Id);
        var byName = await store.FindSweepAsync("depths", CancellationToken.None);
        Assert.Equal(rerun.Id, byName?.Id);
        Assert.Equal(rerun.TrialIds, byName?.TrialIds);
        Assert.Equal(first.SubmittedAt.AddMinutes(1), byName?.SubmittedAt);
        Assert.Equal(numericName.Id, (await store.FindSweepAsync("2024", CancellationToken.None))?.Id);
        Assert.Null(await store.FindSweepAsync("missing", CancellationToken.None));

        var listed = await store.ListSweepsAsync(CancellationToken.None);
        Assert.Equal([first.Id, rerun.Id, numericName.Id], listed.Select(s => s.Id));
        Assert.Equal(first.TrialIds, listed[0].TrialIds);
    }
}
