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
    /// <summary>The scheduler of the jobs that run once across all workers (see <see cref="AddSweepsCluster"/>).</summary>
    public const string ClusterScheduler = "sweeps-cluster";

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
    /// A second Quartz scheduler, for the jobs that run once across all workers. On PostgreSQL it is Quartz's
    /// AdoJobStore in clustered mode on the Sweeps database (its QRTZ_ tables created by Quartz's opt-in schema
    /// provisioning), one node per worker, and holds the early-stopping judgement and the conclusion of expired
    /// leases. On SQLite (one box) it is in memory and holds the early-stopping judgement only: there the next
    /// claim concludes an expired lease. Its own thread keeps it firing while every thread of the worker's
    /// scheduler trains a trial. The poll that claims trials stays in each worker's own in-memory scheduler: a
    /// trigger in the clustered store would fire on one node only.
    /// </summary>
    private static void AddSweepsCluster(this IServiceCollection services, SweepsOptions options)
    {
        services.AddQuartz(ClusterScheduler, q =>
        {
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = 1);
            q.AddJob<JudgeRunningTrialsJob>(job => job
                .WithIdentity(JudgeRunningTrialsJob.Key)
                .WithDescription("Asks each running trial's early_terminate rule whether to stop it and records the stops"));
            q.AddTrigger(trigger => trigger
                .ForJob(JudgeRunningTrialsJob.Key)
                .WithIdentity("judge-running-trials", "sweeps")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(options.EarlyStoppingSeconds))
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            if (DatabaseConnectionString.ProviderOf(options.Database) != DatabaseProvider.PostgreSql)
                return;
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
        services.AddSweepsCluster(options);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        if (untilIdle) services.AddHostedService<IdleShutdown>();
        return services;
    }
}
