using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Sweeps.Storage;

/// <summary>The database itself: creating and upgrading its schema. Scoped.</summary>
public sealed class SweepsDatabase(SweepsDbContext db)
{
    /// <summary>Creates the database if it is missing (SQLite: its file and folder; PostgreSQL: the database
    /// named in the connection string) and applies the provider's pending migrations; then switches SQLite to
    /// write-ahead logging so readers (the CLI) never block the worker's writes.</summary>
    /// <returns>The migrations this call applied, oldest first (none when the schema was current).</returns>
    /// <exception cref="DatabaseUnavailableException">The database cannot be used (not a database, written by a
    /// newer Sweeps, locked, unreachable, refusing the user): the message says which.</exception>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        var connectionString = db.Database.GetConnectionString()!;
        try
        {
            return await MigrateOrThrowAsync(connectionString, ct);
        }
        catch (Exception error) when (DatabaseUnavailableException.Explain(error, connectionString) is { } explained)
        {
            throw explained;
        }
    }

    private async Task<IReadOnlyList<string>> MigrateOrThrowAsync(string connectionString, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (file is not ("" or ":memory:"))
                CreateFolderOf(Path.GetFullPath(file));
        }
        // Asking a server for the history of a database it does not have yet logs a failed query: don't.
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct);
        if (exists)
        {
            var known = db.Database.GetMigrations().ToHashSet();
            var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(applied => !known.Contains(applied)).ToList();
            if (unknown.Count > 0)
                throw DatabaseUnavailableException.Newer(connectionString, unknown);
        }
        var pending = exists ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList() : db.Database.GetMigrations().ToList();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        return pending;
    }

    private static void CreateFolderOf(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException(
                $"{file}: its folder {folder} cannot be created: point {DatabaseConnectionString.Setting} at a place this user can write.", error);
        }
    }

    /// <summary>Every migration the database has had, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct) =>
        (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();

    /// <summary>"SQLite" or "PostgreSQL", as the connection string chose.</summary>
    public string Provider => db.Database.IsSqlite() ? "SQLite" : "PostgreSQL";
}
