using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sweeps.Orchestration;

/// <summary>For <c>worker --until-idle</c>: stops the host once the queue is empty and no trial runs here.</summary>
public sealed class IdleShutdown(WorkerActivity activity, IHostApplicationLifetime lifetime, ILogger<IdleShutdown> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!activity.IsIdle) continue;
            logger.LogInformation("Nothing left to run; stopping");
            lifetime.StopApplication();
            return;
        }
    }
}
