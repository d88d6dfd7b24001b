using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweeps.Orchestration;

namespace Sweeps.Cli;

/// <summary>
/// For <c>worker</c> in a terminal: one live line per trial running under this worker's id, redrawn every
/// second below the scrolling log. Progress is read from the database (the trials' heartbeats), so trials
/// trained in child processes show the same way.
/// </summary>
public sealed class WorkerProgressDisplay(
    LiveBlockWriter block,
    WorkerIdentity worker,
    IServiceScopeFactory scopes,
    ILogger<WorkerProgressDisplay> logger) : BackgroundService
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromSeconds(1);

    /// <summary>"trial 1 (model.depth=6), attempt 2: 1200/3000 steps (40%), 512 img/s, ETA 0:05:12" per trial.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<RunningTrialLine> running) =>
        running.Select(line => $"trial {line.Trial.Id} ({line.Trial.Label}), attempt {line.Trial.Attempt}: {Progress(line)}").ToList();

    private static string Progress(RunningTrialLine line)
    {
        var trial = line.Trial;
        if (trial.TotalSteps == 0) return "starting";
        var steps = $"{TrialProgressText.Steps(trial.Step, trial.TotalSteps)} ({trial.Step * 100 / trial.TotalSteps}%)";
        return TrialProgressText.Speed(trial.ImagesPerSecond, line.Remaining) is { } speed ? $"{steps}, {speed}" : steps;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RedrawInterval);
        try
        {
            do
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var running = await scope.ServiceProvider.GetRequiredService<SweepStatusReport>().ReadRunningAsync(worker.Id, stoppingToken);
                    block.Show(Lines(running));
                }
                catch (Exception problem) when (problem is not OperationCanceledException)
                {
                    // A busy database only delays the redraw; a warning every second would bury the log.
                    logger.LogDebug("Progress lines not redrawn ({Problem}); the next tick tries again", problem.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // The worker is stopping.
        }
        finally
        {
            block.Show([]);
        }
    }
}
