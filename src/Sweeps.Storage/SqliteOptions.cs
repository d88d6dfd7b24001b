using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

internal static class SqliteOptions
{
    public static DbContextOptionsBuilder<SweepsDbContext> UseSweepsSqlite(
        this DbContextOptionsBuilder<SweepsDbContext> options, string connectionString) =>
        options.UseSqlite(connectionString);
}
