using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage.Tests;

/// <summary><c>db copy</c>: a study with reused trials, deleted rows (gaps in the ids), checkpoints, scores,
/// a best checkpoint, reference scores and a worker, copied between providers and compared row by row.</summary>
public sealed class DatabaseCopyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.PostgreSql, DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Sqlite, DatabaseProvider.Sqlite)]
    public async Task A_study_is_copied_with_every_row_and_id_and_the_target_goes_on_numbering_after_them(DatabaseProvider from, DatabaseProvider to)
    {
        await using var source = await TempDatabase.MigratedAsync(from);
        await using var target = TempDatabase.Unmigrated(to);
        await PopulateAsync(source);

        var copied = await DatabaseCopy.CopyAsync(source.ConnectionString, target.ConnectionString, None);

        // Worked out from PopulateAsync: 2 sweeps, 4 trials (one reused by the second sweep: 5 memberships),
        // 6 checkpoints recorded of which 1 deleted, 2 scores on each of the 5, 5 reference scores, 2 workers.
        Assert.Equal(new CopiedRows(2, 4, 5, 5, 10, 5, 2), copied);
        var expected = await DumpAsync(source.OpenContext());
        var actual = await DumpAsync(target.OpenContext());
        foreach (var table in expected.Keys)
            Assert.Equal(expected[table], actual[table]);

        // New rows take the next ids, past the copied ones.
        await target.OpenCatalog().AddSweepAsync("after-copy", "name: after-copy\n", [new NewTrial("new", """{"n":9}""", "h9")], force: false, None);
        var db = target.OpenContext();
        Assert.Equal(3, await db.Sweeps.MaxAsync(s => s.Id));
        Assert.Equal(5, await db.Trials.MaxAsync(t => t.Id));
        var claim = (await target.ClaimAllAsync("box-c")).Single(c => c.Key == 5).Value;
        int checkpoint = await target.OpenResults().RecordCheckpointAsync(claim, new NewCheckpoint(1, 1, 10, "/ck/t5-10", "ff"), None);
        Assert.Equal(await source.OpenContext().Checkpoints.MaxAsync(c => c.Id) + 1, checkpoint);
    }

    [SkippableTheory, BothProviders]
    public async Task A_target_that_holds_rows_is_refused_and_left_as_it_was(DatabaseProvider provider)
    {
        await using var source = await TempDatabase.MigratedAsync(DatabaseProvider.Sqlite);
        await PopulateAsync(source);
        await using var target = await TempDatabase.MigratedAsync(provider);
        await target.OpenCatalog().AddSweepAsync("there", "name: there\n", [new NewTrial("a", "{}", "h")], force: false, None);

        var refused = await Assert.ThrowsAsync<DatabaseCopyException>(() => DatabaseCopy.CopyAsync(source.ConnectionString, target.ConnectionString, None));

        Assert.Contains($"The {DatabaseCopy.Describe(target.ConnectionString)} is not empty (it holds 1 sweeps, 1 trials): db copy only fills an empty database", refused.Message);
        Assert.Equal(["there"], await target.OpenContext().Sweeps.Select(s => s.Name).ToListAsync());
    }

    [Fact]
    public async Task A_missing_source_is_named()
    {
        await using var source = TempDatabase.Unmigrated(DatabaseProvider.Sqlite, "nothing-here.db");
        await using var target = TempDatabase.Unmigrated(DatabaseProvider.Sqlite);

        var refused = await Assert.ThrowsAsync<DatabaseCopyException>(() => DatabaseCopy.CopyAsync(source.ConnectionString, target.ConnectionString, None));

        Assert.Equal($"There is no SQLite database {source.FilePath} to copy from.", refused.Message);
        Assert.False(File.Exists(source.FilePath));
    }

    /// <summary>Fills the study through the stores, with timestamps that have sub-microsecond ticks.</summary>
    private static async Task PopulateAsync(TempDatabase database)
    {
        database.Clock.Advance(TimeSpan.FromTicks(12_345_678));
        await database.OpenCatalog().AddSweepAsync("first", "name: first\n",
            [new NewTrial("a", """{"n":1}""", "h1"), new NewTrial("b", """{"n":2}""", "h2"), new NewTrial("c", """{"n":3}""", "h3")], force: false, None, priority: 2);
        database.Clock.Advance(TimeSpan.FromTicks(7_777_777));
        // Reuses trial 2 ("h2") and creates trial 4.
        await database.OpenCatalog().AddSweepAsync("second", "name: second\n",
            [new NewTrial("b again", """{"n":2}""", "h2"), new NewTrial("d", """{"n":4}""", "h4")], force: false, None);
        var claims = await database.ClaimAllAsync("box-a");
        var results = database.OpenResults();
        foreach (var (trialId, claim) in claims.Where(c => c.Key <= 3))
        {
            database.Clock.Advance(TimeSpan.FromTicks(1_234_567));
            for (int step = 10; step <= 20; step += 10)
            {
                int id = await results.RecordCheckpointAsync(claim, new NewCheckpoint(step / 10, step / 10.0, step, $"/ck/t{trialId}-{step}", $"sha{trialId}{step}"), None);
                await results.RecordScoresAsync(claim, id, [new("top1", "", "", "", 10.0 / 3 * trialId + step), new("ps", "lpips", "ensemble", "mean", 0.1 * step + trialId)], None);
                if (step == 20) await results.MarkBestCheckpointAsync(claim, id, None);
            }
        }
        await database.OpenQueue().EndAttemptAsync(claims[1], new AttemptEnd.Completed(), maxAttempts: 3, None);
        await database.OpenQueue().EndAttemptAsync(claims[2], new AttemptEnd.Failed("boom at step 20", null), maxAttempts: 3, None);
        // Gaps in the ids: the copy must keep them, not renumber.
        var db = database.OpenContext();
        await db.Checkpoints.Where(c => c.Id == 1).ExecuteDeleteAsync(None);
        await results.RecordReferenceScoresAsync("/data/bapps/val",
            [new("2afc", "l2", "", "mean", 70.5), new("2afc", "ssim", "", "mean", 75.25), new("2afc", "human", "", "mean", 84.91),
             new("2afc", "l2", "", "cnn", 71.0), new("2afc", "ssim", "", "cnn", 76.0)], None);
        await database.OpenRegistry().BeatAsync("box-a", database.Clock.GetUtcNow().UtcDateTime, null, None);
        await database.OpenRegistry().BeatAsync("box-b", database.Clock.GetUtcNow().UtcDateTime, "disk full", None);
    }

    /// <summary>Every table as JSON rows in key order; timestamps at PostgreSQL's precision, a microsecond.</summary>
    private static async Task<Dictionary<string, List<string>>> DumpAsync(SweepsDbContext db)
    {
        var json = new JsonSerializerOptions { Converters = { new MicrosecondDateTime() } };
        List<string> Rows<T>(IEnumerable<T> rows) => rows.Select(row => JsonSerializer.Serialize(row, json)).ToList();
        return new()
        {
            ["Sweeps"] = Rows(await db.Sweeps.AsNoTracking().OrderBy(s => s.Id).ToListAsync()),
            ["Trials"] = Rows(await db.Trials.AsNoTracking().OrderBy(t => t.Id).ToListAsync()),
            ["SweepTrials"] = Rows(await db.SweepTrials.AsNoTracking().OrderBy(m => m.SweepId).ThenBy(m => m.Index).ToListAsync()),
            ["Checkpoints"] = Rows(await db.Checkpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync()),
            ["Scores"] = Rows(await db.Scores.AsNoTracking().OrderBy(s => s.Id).ToListAsync()),
            ["ReferenceScores"] = Rows(await db.ReferenceScores.AsNoTracking().OrderBy(r => r.Id).ToListAsync()),
            ["Workers"] = Rows(await db.Workers.AsNoTracking().OrderBy(w => w.Id).ToListAsync()),
        };
    }

    private sealed class MicrosecondDateTime : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue($"{value.Ticks / 10} {value.Kind}");
    }
}
