using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// Fired on every poll: claims the queued trial of highest priority (or one whose worker died) and runs
/// one attempt at it. Concurrent firings are capped by the scheduler's thread pool (WorkerConcurrency).
/// </summary>
public sealed class RunTrialsJob(
    IServiceScopeFactory scopes,
    WorkerIdentity worker,
    WorkerActivity activity,
    DiskGuard disk,
    DatabaseOutage outage,
    IHostApplicationLifetime lifetime,
    IOptions<SweepsOptions> options) : IJob
{
    public static readonly JobKey Key = new("run-trials", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // A full disk holds claims back; the poll after space returns claims again.
        if (!disk.HasRoom() || outage.Waiting) return;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        using var scope = scopes.CreateScope();
        var queue = scope.ServiceProvider.GetRequiredService<TrialQueue>();
        ClaimedTrial? trial;
        try
        {
            trial = await queue.ClaimNextAsync(worker.Id, TimeSpan.FromSeconds(options.Value.LeaseSeconds), options.Value.MaxAttempts, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return; // Stopping is a normal end, not a failed job.
        }
        catch (Exception unreachable) when (DatabaseOutage.IsDatabaseFailure(unreachable))
        {
            outage.Failed(unreachable);
            return;
        }
        outage.Succeeded();
        if (trial is null)
        {
            activity.FoundNothingToClaim();
            return;
        }
        activity.TrialStarted();
        try
        {
            if (options.Value.TrialInChildProcess)
                await scope.ServiceProvider.GetRequiredService<ChildTrialProcess>().RunAsync(trial, stopping.Token);
            else
                await scope.ServiceProvider.GetRequiredService<TrialExecution>().RunAsync(trial, stopping.Token);
        }
        finally
        {
            activity.TrialEnded();
        }
    }
}
