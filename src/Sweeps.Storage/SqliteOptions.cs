using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

internal static class SqliteOptions
{
    /// <summary>
    /// The worker and the CLI write from different processes. On a locked database Microsoft.Data.Sqlite
    /// retries a busy statement (BEGIN included) for the connection's Default Timeout
    /// (30 s unless the connection string sets it) instead of failing at once, so no busy handler is added.
    /// </summary>
    public static void UseSweepsSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString);
}
