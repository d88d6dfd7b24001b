using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// For <c>worker --until-idle</c>: stops the host once this worker found nothing to claim after its last
/// trial and no trial anywhere is queued or running. A trial another box runs keeps it waiting, so that
/// it takes the trial over if that box dies (its lease runs out) instead of leaving it behind.
/// </summary>
public sealed class IdleShutdown(WorkerActivity activity, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime,
    IOptions<SweepsOptions> options, ILogger<IdleShutdown> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var nextLook = DateTime.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!activity.IsIdle || DateTime.UtcNow < nextLook) continue;
            using (var scope = scopes.CreateScope())
            {
                if (await scope.ServiceProvider.GetRequiredService<TrialQueue>().CountQueuedOrRunningAsync(stoppingToken) > 0)
                {
                    nextLook = DateTime.UtcNow.AddSeconds(options.Value.PollSeconds);
                    continue;
                }
            }
            logger.LogInformation("Nothing left to run; stopping");
            lifetime.StopApplication();
            return;
        }
    }
}
