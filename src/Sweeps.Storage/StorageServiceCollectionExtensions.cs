using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sweeps.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SweepsDbContext"/> and the stores over it (all scoped) on the database of
    /// <paramref name="connectionString"/>: SQLite (e.g. <c>Data Source=.sweeps/sweeps.db</c>) or PostgreSQL
    /// (e.g. <c>Host=db;Database=sweeps;Username=sweeps</c>), told apart by <see cref="DatabaseConnectionString.ProviderOf"/>.
    /// Nothing is created until <see cref="SweepsDatabase.MigrateAsync"/>.
    /// </summary>
    /// <exception cref="UnrecognisedDatabaseException">The connection string is written for neither provider.</exception>
    public static IServiceCollection AddSweepsStorage(this IServiceCollection services, string connectionString)
    {
        _ = DatabaseConnectionString.ProviderOf(connectionString) switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<SweepsDbContext, SqliteSweepsDbContext>(options => options.UseSweepsSqlite(connectionString)),
            DatabaseProvider.PostgreSql => services.AddDbContext<SweepsDbContext, PostgreSqlSweepsDbContext>(options => options.UseSweepsPostgreSql(connectionString)),
            var provider => throw new ArgumentOutOfRangeException(nameof(connectionString), provider, null),
        };
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<SweepsDatabase>();
        services.AddScoped<SweepCatalog>();
        services.AddScoped<TrialQueue>();
        services.AddScoped<ResultStore>();
        services.AddScoped<WorkerRegistry>();
        return services;
    }
}
