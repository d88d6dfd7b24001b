using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>Reports this worker to the database every HeartbeatSeconds, with what holds it back (a
/// full disk), so <c>status</c> shows every box, idle ones included.</summary>
public sealed class WorkerHeartbeat(IServiceScopeFactory scopes, WorkerIdentity worker, DiskGuard disk, DatabaseOutage outage,
    IOptions<SweepsOptions> options, ILogger<WorkerHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var startedAt = DateTime.UtcNow;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HeartbeatSeconds));
        do
        {
            try
            {
                disk.HasRoom();
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<WorkerRegistry>().BeatAsync(worker.Id, startedAt, disk.Shortage, stoppingToken);
            }
            catch (Exception unreachable) when (DatabaseOutage.IsDatabaseFailure(unreachable))
            {
                outage.Failed(unreachable);
            }
            catch (Exception problem) when (problem is not OperationCanceledException)
            {
                logger.LogWarning("Worker heartbeat failed ({Problem}); the next beat tries again", problem.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
