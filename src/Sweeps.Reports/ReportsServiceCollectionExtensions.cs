using Microsoft.Extensions.DependencyInjection;

namespace Sweeps.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>Registers the results export and the report (scoped, over the stores of Sweeps.Storage).</summary>
    public static IServiceCollection AddSweepsReports(this IServiceCollection services)
    {
        services.AddScoped<ResultsExport>();
        services.AddScoped<StudyReader>();
        services.AddScoped<StudyReport>();
        return services;
    }
}
