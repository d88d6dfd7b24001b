using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sweeps.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SweepsDbContext"/> and <see cref="SweepStore"/> (both scoped) on the SQLite
    /// database of <paramref name="connectionString"/> (e.g. <c>Data Source=.sweeps/sweeps.db</c>),
    /// creating the database's folder if it is missing.
    /// </summary>
    public static IServiceCollection AddSweepsStorage(this IServiceCollection services, string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource is not ("" or ":memory:"))
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(dataSource))!);

        services.AddDbContext<SweepsDbContext>(options => options.UseSweepsSqlite(connectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<SweepStore>();
        return services;
    }
}
