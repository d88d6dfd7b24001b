using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

/// <summary>The database itself: creating and upgrading its schema. Scoped.</summary>
public sealed class SweepsDatabase(SweepsDbContext db)
{
    /// <summary>Creates the database if it is missing (SQLite: its file and folder; PostgreSQL: the database
    /// named in the connection string) and applies the provider's pending migrations; then switches SQLite to
    /// write-ahead logging so readers (the CLI) never block the worker's writes.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (file is not ("" or ":memory:"))
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
