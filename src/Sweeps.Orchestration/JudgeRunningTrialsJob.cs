using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Sweeps.Orchestration;

/// <summary>
/// A cluster-wide job: every <see cref="SweepsOptions.EarlyStoppingSeconds"/>, one node of the cluster (on SQLite,
/// the worker itself) asks each running trial's sweep rule whether to stop it and records the stops
/// (<see cref="EarlyStoppingJudge.JudgeRunningAsync"/>), so a trial between checkpoints is stopped by its sweep
/// mates' newer results, and so is one whose holder is slow to reach its next checkpoint. Should Quartz fire it
/// on two nodes at once (a busy node declared dead), each stop is still recorded once: the write is conditional
/// on the trial running, under the attempt judged, with nothing asked of it yet.
/// </summary>
[DisallowConcurrentExecution]
public sealed class JudgeRunningTrialsJob(IServiceScopeFactory scopes, ILogger<JudgeRunningTrialsJob> logger) : IJob
{
    public static readonly JobKey Key = new("judge-running-trials", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var stops = await scope.ServiceProvider.GetRequiredService<EarlyStoppingJudge>().JudgeRunningAsync(cancellationToken);
        foreach (var (trialId, reason) in stops)
            logger.LogInformation("Node {Node}: trial {TrialId} is to stop early: {Reason}", context.Scheduler.SchedulerInstanceId, trialId, reason);
    }
}
