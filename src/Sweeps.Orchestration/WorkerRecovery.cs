using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// Runs once as a worker starts, before it claims anything: a worker with a fixed WorkerId (a service
/// after a reboot, a preemption or a kill) takes back at once the trials its previous run held, instead
/// of leaving them until their leases run out. Only a fixed id can be recognised: the default host:pid
/// never repeats. Two live workers must not share one id.
/// </summary>
public sealed class WorkerRecovery(IServiceScopeFactory scopes, WorkerIdentity worker, IOptions<SweepsOptions> options, ILogger<WorkerRecovery> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WorkerId.Length == 0) return;
        using var scope = scopes.CreateScope();
        var recovered = await scope.ServiceProvider.GetRequiredService<TrialQueue>().RecoverAsync(worker.Id, options.Value.MaxAttempts, cancellationToken);
        if (recovered.Count > 0)
            logger.LogInformation("Worker {Worker}: took back trial(s) {Trials} from its previous run", worker.Id, string.Join(", ", recovered));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
