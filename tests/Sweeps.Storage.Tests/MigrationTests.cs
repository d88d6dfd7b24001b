using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sweeps.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_creates_the_folder_and_schema_of_an_empty_database_and_turns_on_WAL()
    {
        await using var database = TempDatabase.Unmigrated(Path.Combine("state", "nested", "sweeps.db"));
        Assert.False(Directory.Exists(Path.GetDirectoryName(database.FilePath)));
        Assert.False(File.Exists(database.FilePath));

        await database.OpenDatabase().MigrateAsync(CancellationToken.None);
        // A second process starting on the migrated file finds nothing to do.
        await database.OpenDatabase().MigrateAsync(CancellationToken.None);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        var tables = await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name;");
        Assert.Equal(["Checkpoints", "ReferenceScores", "Scores", "SweepTrials", "Sweeps", "Trials", "Workers"], tables.Where(name => !name.StartsWith("__EF")));
        var applied = await ColumnAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;");
        Assert.Equal(["_InitialCreate", "_TrialsSharedBySweeps", "_UnattendedLifecycle", "_WorkerRegistry"], applied.Select(id => id[id.IndexOf('_')..]));
        Assert.Empty(await database.OpenContext().Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Upgrading_a_first_release_database_keeps_its_sweeps_trials_and_checkpoints()
    {
        await using var database = TempDatabase.Unmigrated();
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

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task<List<string>> ColumnAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }
}
