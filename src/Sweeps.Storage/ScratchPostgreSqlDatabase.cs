using Npgsql;

namespace Sweeps.Storage;

/// <summary>Throwaway PostgreSQL databases for benchmarks and tests: a fresh name on a server, dropped whole afterwards.</summary>
public static class ScratchPostgreSqlDatabase
{
    /// <summary>A connection string naming a new database on <paramref name="server"/>; the first migration creates it.</summary>
    public static string NewOn(string server, string prefix) =>
        new NpgsqlConnectionStringBuilder(server) { Database = prefix + Guid.NewGuid().ToString("N") }.ConnectionString;

    /// <summary>Drops the database <paramref name="database"/> names, connecting through <paramref name="server"/>;
    /// FORCE ends the connections a failed run left open.</summary>
    public static async Task DropAsync(string server, string database, CancellationToken ct = default)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await using var drop = new NpgsqlCommand($"""DROP DATABASE IF EXISTS "{new NpgsqlConnectionStringBuilder(database).Database}" WITH (FORCE)""", connection);
        await drop.ExecuteNonQueryAsync(ct);
    }
}
