using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// A cluster-wide job (PostgreSQL): every quarter lease, one node of the cluster sends the trials whose worker
/// stopped renewing its lease back to the queue (<see cref="TrialQueue.ConcludeExpiredLeasesAsync"/>), so a
/// dead box's trials show as queued at once and are claimed by the next free worker. Should Quartz fire it on
/// two nodes at once (a busy node declared dead), each trial is still concluded once: the write is conditional
/// on the attempt count.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ConcludeExpiredLeasesJob(IServiceScopeFactory scopes, IOptions<SweepsOptions> options, ILogger<ConcludeExpiredLeasesJob> logger) : IJob
{
    public static readonly JobKey Key = new("conclude-expired-leases", "sweeps");

    public static TimeSpan Interval(SweepsOptions options) => TimeSpan.FromSeconds(Math.Max(1, options.LeaseSeconds / 4.0));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var concluded = await scope.ServiceProvider.GetRequiredService<TrialQueue>().ConcludeExpiredLeasesAsync(options.Value.MaxAttempts, cancellationToken);
        if (concluded.Count > 0)
            logger.LogWarning("Node {Node}: trial(s) {Trials} lost their worker's lease and went back to the queue", context.Scheduler.SchedulerInstanceId, string.Join(", ", concluded));
    }
}
