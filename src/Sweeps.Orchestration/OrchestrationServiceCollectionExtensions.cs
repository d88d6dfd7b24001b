using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>Settings and storage: what every command needs.</summary>
    public static IServiceCollection AddSweepsCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SweepsOptions>().Bind(configuration.GetSection(SweepsOptions.Section));
        var options = configuration.GetSection(SweepsOptions.Section).Get<SweepsOptions>() ?? new SweepsOptions();
        services.AddSweepsStorage(options.Database);
        services.AddScoped<SweepQueue>();
        services.AddScoped<DataProvenance>();
        return services;
    }

    /// <summary>What training one claimed trial takes: the worker's job, or a trial's child process on its own.</summary>
    public static IServiceCollection AddSweepsTrialRunner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSweepsCore(configuration);
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<DataCatalog>();
        services.AddSingleton<CheckpointScoring>();
        services.AddScoped<TrialExecution>();
        services.AddScoped<ChildTrialProcess>();
        services.AddScoped<CheckpointKeeping>();
        services.AddScoped<ReferenceScoring>();
        services.AddHostedService<WorkerStartup>();
        return services;
    }

    /// <summary>The hosted worker: a Quartz scheduler that polls the queue and trains claimed trials.</summary>
    public static IServiceCollection AddSweepsWorker(this IServiceCollection services, IConfiguration configuration, bool untilIdle)
    {
        services.AddSweepsTrialRunner(configuration);
        var options = configuration.GetSection(SweepsOptions.Section).Get<SweepsOptions>() ?? new SweepsOptions();
        services.AddSingleton<WorkerActivity>();

        services.AddQuartz(q =>
        {
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = Math.Max(1, options.WorkerConcurrency));
            q.AddJob<RunTrialsJob>(job => job
                .WithIdentity(RunTrialsJob.Key)
                .WithDescription("Claims a queued trial and trains it to the end"));
            q.AddTrigger(trigger => trigger
                .ForJob(RunTrialsJob.Key)
                .WithIdentity("poll-queue", "sweeps")
                .WithDescription("Looks for queued trials")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(options.PollSeconds))
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        if (untilIdle) services.AddHostedService<IdleShutdown>();
        return services;
    }
}
