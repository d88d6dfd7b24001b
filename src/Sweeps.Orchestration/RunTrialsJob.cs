using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// Fired on every poll: claims the oldest queued trial (or one whose worker died) and trains it to
/// the end. Concurrent firings are capped by the scheduler's thread pool (WorkerConcurrency).
/// </summary>
public sealed class RunTrialsJob(
    IServiceScopeFactory scopes,
    WorkerIdentity worker,
    WorkerActivity activity,
    IHostApplicationLifetime lifetime,
    IOptions<SweepsOptions> options) : IJob
{
    public static readonly JobKey Key = new("run-trials", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<SweepStore>();
        var trial = await store.ClaimNextTrialAsync(worker.Id, TimeSpan.FromSeconds(options.Value.LeaseSeconds), stopping.Token);
        if (trial is null)
        {
            activity.FoundNothingToClaim();
            return;
        }
        activity.TrialStarted();
        try
        {
            if (trial.Attempts > options.Value.MaxAttempts)
                // Earlier attempts ended without recording why: the worker died with them (out of memory, a native crash).
                await store.MarkFailedAsync(trial.Id, TrialState.Failed,
                    $"gave up after {options.Value.MaxAttempts} attempts that each ended the process running them", stopping.Token);
            else if (options.Value.TrialInChildProcess)
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
