using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sweeps.Faults;

namespace Sweeps.Storage;

/// <summary>The database the Sweeps:Database setting names cannot be used: not a database, written by a
/// newer Sweeps, locked, unreachable, or refusing the user. The message says which and what to do, and
/// shows the connection string with its password masked.</summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null)
    : SweepsException(FaultKind.Environment, message, inner)
{
    private const string Setting = DatabaseConnectionString.Setting;

    /// <summary>The one-line explanation of <paramref name="error"/>, met while using the database of
    /// <paramref name="connectionString"/>; null when it is not a database problem this class knows.</summary>
    public static DatabaseUnavailableException? Explain(Exception error, string connectionString) =>
        Find<SqliteException>(error) is { } sqlite ? new(Sqlite(sqlite, connectionString), error)
        : Find<NpgsqlException>(error) is { } postgres ? new(PostgreSql(postgres, connectionString), error)
        : null;

    /// <summary>A database with migrations this program does not have: a newer Sweeps wrote it.</summary>
    public static DatabaseUnavailableException Newer(string connectionString, IReadOnlyList<string> unknownMigrations) =>
        new($"{Describe(connectionString)} was written by a newer Sweeps: it has migration(s) this program does not know "
            + $"({string.Join(", ", unknownMigrations)}). Run that newer sweeps, or point {Setting} at another database.");

    /// <summary>"SQLite database /abs/sweeps.db" or "PostgreSQL database sweeps at db:5432".</summary>
    public static string Describe(string connectionString) =>
        DatabaseConnectionString.ProviderOf(connectionString) == DatabaseProvider.Sqlite
            ? $"SQLite database {SqliteFile(connectionString)}"
            : $"PostgreSQL database {new NpgsqlConnectionStringBuilder(connectionString).Database} at {Server(connectionString)}";

    public static string SqliteFile(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    private static string Sqlite(SqliteException error, string connectionString)
    {
        var file = SqliteFile(connectionString);
        if (Directory.Exists(file))
            return $"{file} is a folder: {Setting} must name a database file (Data Source=FOLDER/sweeps.db).";
        var timeout = new SqliteConnectionStringBuilder(connectionString).DefaultTimeout;
        return error.SqliteErrorCode switch
        {
            26 => $"{file} is not a SQLite database (SQLite: file is not a database). Point {Setting} at a Sweeps database, or at a file that does not exist yet to create one.",
            5 or 6 => $"{file} stayed locked by another process past the busy timeout of {timeout} s (Default Timeout in {Setting}): wait until that process has finished writing, or raise the timeout.",
            14 => $"{file} cannot be opened (SQLite: unable to open database file): is it a folder, or is its folder missing or not writable?",
            8 => $"{file} is read-only: {Setting} must name a file this user can write.",
            11 => $"{file} is damaged (SQLite: database disk image is malformed): restore it from a copy.",
            _ => $"{file}: SQLite error {error.SqliteErrorCode}: {error.Message}",
        };
    }

    private static string PostgreSql(NpgsqlException error, string connectionString)
    {
        var server = Server(connectionString);
        var keys = new NpgsqlConnectionStringBuilder(connectionString);
        var shown = DatabaseConnectionString.Masked(connectionString);
        if (error is PostgresException refused)
            return refused.SqlState switch
            {
                "28P01" or "28000" => $"PostgreSQL at {server} refused user {keys.Username}: {refused.MessageText}. Check Username and Password in {Setting} ({shown}).",
                "3D000" => $"PostgreSQL at {server} has no database {keys.Database} and this user may not create it: create it, or name another in {Setting} ({shown}).",
                "42501" => $"PostgreSQL at {server}: user {keys.Username} lacks a privilege: {refused.MessageText} ({shown}).",
                _ => $"PostgreSQL at {server}: {refused.MessageText} (SQLSTATE {refused.SqlState}; {shown}).",
            };
        if (Find<SocketException>(error) is { } socket)
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"PostgreSQL at {server} refused the connection: is the server running and listening there? ({Setting}: {shown})",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"The PostgreSQL host {keys.Host} cannot be found ({Setting}: {shown}).",
                _ => $"PostgreSQL at {server} cannot be reached: {socket.Message} ({Setting}: {shown}).",
            };
        if (Find<TimeoutException>(error) is not null || error.Message.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            return $"PostgreSQL at {server} did not answer within {keys.Timeout} s (Timeout in {Setting}): is the host right and the port open? ({shown})";
        return $"PostgreSQL at {server} cannot be used: {error.Message} ({Setting}: {shown}).";
    }

    private static string Server(string connectionString)
    {
        var keys = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{keys.Host}:{keys.Port}";
    }

    private static T? Find<T>(Exception? error) where T : Exception
    {
        for (; error is not null; error = error.InnerException)
            if (error is T found) return found;
        return null;
    }
}
