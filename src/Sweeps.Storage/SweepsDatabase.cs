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
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (file is not ("" or ":memory:"))
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }
        // Asking a server for the history of a database it does not have yet logs a failed query: don't.
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct);
        var pending = exists ? (await db.Database.GetPendingMigrationsAsync(ct)).ToList() : db.Database.GetMigrations().ToList();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        return pending;
    }

    /// <summary>Every migration the database has had, oldest first.</summary>
    public async Task<IReadOnlyList<string>> AppliedMigrationsAsync(CancellationToken ct) =>
        (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();

    /// <summary>"SQLite" or "PostgreSQL", as the connection string chose.</summary>
    public string Provider => db.Database.IsSqlite() ? "SQLite" : "PostgreSQL";
}
