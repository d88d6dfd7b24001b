using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sweeps.Storage.Tests;

public sealed class MigrationTests
{
    [SkippableTheory, BothProviders]
    public async Task Migrate_creates_an_empty_database_with_the_providers_migrations_and_on_SQLite_its_folder_and_WAL(DatabaseProvider provider)
    {
        await using var database = TempDatabase.Unmigrated(provider, Path.Combine("state", "nested", "sweeps.db"));
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.FilePath)));

        await database.OpenDatabase().MigrateAsync(CancellationToken.None);
        // A second process starting on the migrated database finds nothing to do.
        await database.OpenDatabase().MigrateAsync(CancellationToken.None);

        var context = database.OpenContext();
        var tables = await context.Database.SqlQueryRaw<string>(provider == DatabaseProvider.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            : "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        Assert.Equal(["Checkpoints", "ReferenceScores", "Scores", "SweepTrials", "Sweeps", "Trials", "Workers"],
            tables.Where(name => !name.StartsWith("__EF")).Order(StringComparer.Ordinal));
        var applied = await context.Database.GetAppliedMigrationsAsync();
        // SQLite keeps its history from the first release on; PostgreSQL starts from today's model.
        string[] expected = provider == DatabaseProvider.Sqlite
            ? ["_InitialCreate", "_TrialsSharedBySweeps", "_UnattendedLifecycle", "_WorkerRegistry", "_BestCheckpoint", "_StopRequests", "_HeadlineBests"]
            : ["_InitialCreate", "_StopRequests", "_HeadlineBests"];
        Assert.Equal(expected, applied.Select(id => id[id.IndexOf('_')..]));
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        if (provider == DatabaseProvider.Sqlite)
            Assert.Equal("wal", await context.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode()").SingleAsync());
    }

    /// <summary>SQLite only: PostgreSQL has no database from before this release.</summary>
    [Fact]
    public async Task Upgrading_a_first_release_database_keeps_its_sweeps_trials_and_checkpoints()
    {
        await using var database = TempDatabase.Unmigrated(DatabaseProvider.Sqlite);
        Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        await using (var context = database.OpenContext())
            await context.GetService<IMigrator>().MigrateAsync("20261124040826_InitialCreate");
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, """
                INSERT INTO Sweeps (Id, Name, YamlText, YamlSha256, SubmittedAt) VALUES (7, 'old', 'name: old', 'x', '2026-11-24 04:00:00');
                INSERT INTO Trials (Id, SweepId, "Index", Label, ConfigJson, ConfigHash, State, Attempts, CompletedEpochs, CreatedAt)
                    VALUES (11, 7, 1, 'w=2', '{}', 'h2', 'Queued', 0, 0, '2026-11-24 04:00:00'),
                           (10, 7, 0, 'w=1', '{}', 'h1', 'Completed', 1, 2, '2026-11-24 04:00:00');
                INSERT INTO Checkpoints (TrialId, Epoch, Step, Path, Sha256, CreatedAt) VALUES (10, 2, 40, '/ck/2', 's', '2026-11-24 04:10:00');
                """);
        }

        await database.OpenDatabase().MigrateAsync(CancellationToken.None);

        var catalog = database.OpenCatalog();
        var sweep = await catalog.FindSweepAsync("old", CancellationToken.None);
        Assert.Equal([10, 11], sweep?.TrialIds);
        Assert.Equal(["w=1", "w=2"], (await catalog.GetTrialStatusesAsync(7, CancellationToken.None)).Select(t => t.Label));
        var checkpoint = Assert.Single(await database.OpenResults().GetCheckpointsAsync(10, CancellationToken.None));
        Assert.Equal((2, 2.0, 40L, true), (checkpoint.Epoch, checkpoint.EpochFraction, checkpoint.Step, checkpoint.Scheduled));
        // The completed trial's newest attempt made progress as far as anyone can tell; the queued one made none.
        var trials = await database.OpenContext().Trials.OrderBy(t => t.Id).ToListAsync();
        Assert.Equal([1, 0], trials.Select(t => t.ProgressAttempt));
    }

    [SkippableTheory, BothProviders]
    public async Task The_migration_that_stores_each_trials_best_top1_and_PS_fills_them_from_the_stored_scores(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await database.OpenCatalog().AddSweepAsync("scored", "name: scored\n", [new("width=1", "{}", "a")], force: false, CancellationToken.None);
        var trial = (await database.ClaimAllAsync())[sweep.TrialIds[0]];
        var store = database.OpenResults();
        int first = await store.RecordCheckpointAsync(trial, new NewCheckpoint(1, 1, 100, "/ck/1", "s1"), CancellationToken.None);
        // Another layer's PS and the weighted mean are higher and do not count.
        await store.RecordScoresAsync(trial, first, [new("top1", "", "", "", 30), new("ps", "lpips", "ensemble", "mean", 70),
            new("ps", "lpips", "stage1", "mean", 90), new("ps", "lpips", "ensemble", "weighted_mean", 95)], CancellationToken.None);
        int second = await store.RecordCheckpointAsync(trial, new NewCheckpoint(2, 2, 200, "/ck/2", "s2"), CancellationToken.None);
        await store.RecordScoresAsync(trial, second, [new("top1", "", "", "", 40), new("ps", "lpips", "ensemble", "mean", 65)], CancellationToken.None);

        // Back to the migration before it (its columns and their values dropped), then up again.
        await using (var context = database.OpenContext())
        {
            var migrator = context.GetService<IMigrator>();
            var migrations = context.Database.GetMigrations().ToList();
            Assert.EndsWith("_HeadlineBests", migrations[^1]);
            await migrator.MigrateAsync(migrations[^2]);
            await migrator.MigrateAsync();
        }

        var status = Assert.Single(await database.OpenCatalog().GetTrialStatusesAsync(sweep.Id, CancellationToken.None));
        Assert.Equal(((double?)40, (double?)70), (status.BestTop1, status.BestPs));
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
