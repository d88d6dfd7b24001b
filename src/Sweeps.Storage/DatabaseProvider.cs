using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Sweeps.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseConnectionString
{
    /// <summary>Where the application reads the connection string from, for messages.</summary>
    public const string Setting = "Sweeps:Database";
    private static readonly string[] SqliteKeys = ["Data Source", "DataSource", "Filename"];
    private static readonly string[] PostgreSqlKeys = ["Host", "Server", "Port", "Username"];

    /// <summary>The provider a connection string is written for, recognised from its keys
    /// (Data Source/DataSource/Filename: SQLite; Host/Server/Port/Username: PostgreSQL).</summary>
    /// <exception cref="UnrecognisedDatabaseException">Neither set of keys is present, or the string cannot be parsed.</exception>
    public static DatabaseProvider ProviderOf(string connectionString)
    {
        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException error)
        {
            throw new UnrecognisedDatabaseException("not a connection string", error);
        }
        if (PostgreSqlKeys.Any(keys.ContainsKey))
            return DatabaseProvider.PostgreSql;
        if (SqliteKeys.Any(keys.ContainsKey))
            return DatabaseProvider.Sqlite;
        throw new UnrecognisedDatabaseException("a connection string of neither SQLite nor PostgreSQL");
    }

    /// <summary>
    /// SQLite: the worker and the CLI write from different processes. On a locked database Microsoft.Data.Sqlite
    /// retries a busy statement (BEGIN included) for the connection's Default Timeout
    /// (30 s unless the connection string sets it) instead of failing at once, so no busy handler is added.
    /// </summary>
    internal static void UseSweepsSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString);

    /// <summary>EF Core logs an error for every failed connection, also when migrate probes a database it is
    /// about to create; a failure that matters reaches the caller as an exception, so the log stays at debug.</summary>
    internal static void UseSweepsPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString)
            .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.ConnectionError, LogLevel.Debug)));
}
