using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sweeps.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SweepsDbContext"/> and the stores over it (all scoped) on the SQLite
    /// database of <paramref name="connectionString"/> (e.g. <c>Data Source=.sweeps/sweeps.db</c>).
    /// Nothing is created on disk until <see cref="SweepsDatabase.MigrateAsync"/>.
    /// </summary>
    public static IServiceCollection AddSweepsStorage(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<SweepsDbContext>(options => options.UseSweepsSqlite(connectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<SweepsDatabase>();
        services.AddScoped<SweepCatalog>();
        services.AddScoped<TrialQueue>();
        services.AddScoped<ResultStore>();
        services.AddScoped<WorkerRegistry>();
        return services;
    }
}
