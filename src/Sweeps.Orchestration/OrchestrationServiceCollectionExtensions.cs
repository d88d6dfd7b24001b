using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

public static class OrchestrationServiceCollectionExtensions
{
    /// <summary>Settings and storage: what every command needs.</summary>
    /// <exception cref="InvalidSettingsException">A setting is wrong: checked here, before anything is built from them.</exception>
    public static IServiceCollection AddSweepsCore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = SweepsOptionsValidator.Read(configuration);
        services.AddSingleton<IValidateOptions<SweepsOptions>>(new SweepsOptionsValidator(configuration));
        services.AddOptions<SweepsOptions>().Bind(configuration.GetSection(SweepsOptions.Section)).ValidateOnStart();
        services.AddSweepsStorage(options.Database);
        services.AddScoped<SweepQueue>();
        services.AddScoped<DataProvenance>();
        services.AddSingleton<StoredSweepDefinitions>();
        services.AddScoped<SweepStatusReport>();
        services.AddScoped<TrialOperations>();
        services.AddScoped<SweepReplayer>();
        return services;
    }

    /// <summary>What training one claimed trial takes: the worker's job, or a trial's child process on its own.</summary>
    public static IServiceCollection AddSweepsTrialRunner(this IServiceCollection services, IConfiguration configuration, bool drain = false)
    {
        services.AddSweepsCore(configuration);
        services.AddSingleton(new WorkerShutdown(drain));
        services.AddSingleton<ILoggerProvider, TrialLogProvider>();
        // A trial's own log keeps its whole story whatever the console's level.
        services.Configure<LoggerFilterOptions>(filters => filters.AddFilter<TrialLogProvider>(null, LogLevel.Information));
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<DataCatalog>();
        services.AddSingleton<CheckpointScoring>();
        services.AddSingleton<DiskGuard>();
        services.AddSingleton<StepLog>();
        services.AddScoped<TrialExecution>();
        services.AddScoped<ChildTrialProcess>();
        services.AddScoped<CheckpointKeeping>();
        services.AddScoped<ReferenceScoring>();
        services.AddScoped<EarlyStoppingJudge>();
        services.AddHostedService<WorkerStartup>();
        return services;
    }

    /// <summary>
    /// On PostgreSQL, a second Quartz scheduler whose jobs run once across all workers: Quartz's AdoJobStore in
    /// clustered mode on the Sweeps database (its QRTZ_ tables created by Quartz's opt-in schema provisioning), one
    /// node per worker. The poll that claims trials stays in each worker's own in-memory scheduler: a trigger in
    /// the clustered store would fire on one node only.
    /// </summary>
    private static void AddSweepsCluster(this IServiceCollection services, SweepsOptions options)
    {
        services.AddQuartz(ConcludeExpiredLeasesJob.Scheduler, q =>
        {
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = 1);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(options.Database);
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = TimeSpan.FromSeconds(options.ClusterCheckinSeconds);
                    cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(options.ClusterCheckinMisfireSeconds);
                });
                store.ProvisionSchema();
            });
            q.AddJob<ConcludeExpiredLeasesJob>(job => job
                .WithIdentity(ConcludeExpiredLeasesJob.Key)
                .WithDescription("Sends trials whose worker stopped renewing its lease back to the queue"));
            q.AddTrigger(trigger => trigger
                .ForJob(ConcludeExpiredLeasesJob.Key)
                .WithIdentity("expired-leases", "sweeps")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(ConcludeExpiredLeasesJob.Interval(options))
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
    }

    /// <summary>The hosted worker: a Quartz scheduler that polls the queue and trains claimed trials.</summary>
    public static IServiceCollection AddSweepsWorker(this IServiceCollection services, IConfiguration configuration, bool untilIdle, bool drain = false)
    {
        services.AddSweepsTrialRunner(configuration, drain);
        // Handing a trial back takes a database write; draining trains to the next scheduled checkpoint first.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = drain ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(60));
        var options = configuration.GetSection(SweepsOptions.Section).Get<SweepsOptions>() ?? new SweepsOptions();
        services.AddSingleton<WorkerActivity>();
        services.AddSingleton<DatabaseOutage>();
        services.AddHostedService<WorkerRecovery>();
        services.AddHostedService<WorkerHeartbeat>();

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
        if (DatabaseConnectionString.ProviderOf(options.Database) == DatabaseProvider.PostgreSql)
            services.AddSweepsCluster(options);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        if (untilIdle) services.AddHostedService<IdleShutdown>();
        return services;
    }
}
