using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Storage;
using TorchSharp;

namespace Sweeps.Orchestration;

/// <summary>Runs before the scheduler starts: brings the database schema up to date and fixes the
/// torch thread count (libtorch reads it once per process).</summary>
public sealed class WorkerStartup(IServiceScopeFactory scopes, IOptions<SweepsOptions> options, ILogger<WorkerStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using (var scope = scopes.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SweepsDatabase>().MigrateAsync(cancellationToken);
        int threads = options.Value.EffectiveTorchThreads;
        torch.set_num_threads(threads);
        logger.LogInformation("Worker ready: {Threads} torch thread(s), {Concurrency} trial(s) at once",
            threads, options.Value.WorkerConcurrency);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
