using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Sweeps.Storage;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static partial class DatabaseConnectionString
{
    /// <summary>Where the application reads the connection string from, for messages.</summary>
    public const string Setting = "Sweeps:Database";
    private static readonly string[] SqliteKeys = ["Data Source", "DataSource", "Filename"];
    private static readonly string[] PostgreSqlKeys = ["Host", "Server", "Port", "Username"];

    /// <summary>The provider a connection string is written for, recognised from its keys
    /// (Data Source/DataSource/Filename: SQLite; Host/Server/Port/Username: PostgreSQL).</summary>
    /// <exception cref="UnrecognisedDatabaseException">Neither set of keys is present, or the string cannot be
    /// parsed, generally or by the provider it is written for (an unknown key, a port that is no number).</exception>
    public static DatabaseProvider ProviderOf(string connectionString)
    {
        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException error)
        {
            throw new UnrecognisedDatabaseException(connectionString, "not a connection string (KEY=VALUE;KEY=VALUE...)", error);
        }
        var provider = PostgreSqlKeys.Any(keys.ContainsKey) ? DatabaseProvider.PostgreSql
            : SqliteKeys.Any(keys.ContainsKey) ? DatabaseProvider.Sqlite
            : throw new UnrecognisedDatabaseException(connectionString, "a connection string of neither SQLite nor PostgreSQL");
        try
        {
            _ = provider == DatabaseProvider.Sqlite
                ? new SqliteConnectionStringBuilder(connectionString)
                : (DbConnectionStringBuilder)new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new UnrecognisedDatabaseException(connectionString, $"not a {Name(provider)} connection string ({FirstSentence(error.Message)})", error);
        }
        return provider;
    }

    private static string FirstSentence(string message) => message.Split(". ")[0].TrimEnd('.');

    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public static string Name(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>The connection string as messages may show it: every password's value replaced by ***.
    /// Works on strings no builder can parse too.</summary>
    public static string Masked(string connectionString) => PasswordValue().Replace(connectionString, "$1***");

    [GeneratedRegex(@"((?:^|;)\s*(?:password|pwd)\s*=\s*)(?:""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordValue();

    /// <summary>
    /// SQLite: the worker and the CLI write from different processes. On a locked database Microsoft.Data.Sqlite
    /// retries a busy statement (BEGIN included) for the connection's Default Timeout
    /// (30 s unless the connection string sets it) instead of failing at once, so no busy handler is added.
    /// A failed command reaches the caller as an exception, named by <see cref="DatabaseUnavailableException"/>;
    /// EF Core's own error line for it stays at debug.
    /// </summary>
    internal static void UseSweepsSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString)
            .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.CommandError, LogLevel.Debug)));

    /// <summary>EF Core logs an error for every failed connection, also when migrate probes a database it is
    /// about to create; a failure that matters reaches the caller as an exception, so the log stays at debug.</summary>
    internal static void UseSweepsPostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString)
            .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.ConnectionError, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)));
}
