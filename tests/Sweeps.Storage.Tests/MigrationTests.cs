using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_creates_the_folder_and_schema_of_an_empty_database_and_turns_on_WAL()
    {
        await using var database = TempDatabase.Unmigrated(Path.Combine("state", "nested", "sweeps.db"));
        Assert.True(Directory.Exists(Path.GetDirectoryName(database.FilePath)));
        Assert.False(File.Exists(database.FilePath));

        await database.OpenStore().MigrateAsync(CancellationToken.None);
        // A second process starting on the migrated file finds nothing to do.
        await database.OpenStore().MigrateAsync(CancellationToken.None);

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        var tables = await ColumnAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name;");
        Assert.Equal(["Checkpoints", "Scores", "Sweeps", "Trials"], tables.Where(name => !name.StartsWith("__EF")));
        var applied = await ColumnAsync(connection, "SELECT MigrationId FROM __EFMigrationsHistory;");
        Assert.EndsWith("_InitialCreate", Assert.Single(applied));
        Assert.Empty(await database.OpenContext().Database.GetPendingMigrationsAsync());
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
