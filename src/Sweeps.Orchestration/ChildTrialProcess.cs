using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// Runs an attempt at a claimed trial in a child process (<c>sweeps run-trial ID --attempt N</c>) under
/// this worker's identity and claim, and waits for it. Stopping the worker asks the child to stop
/// (SIGTERM); it hands the trial back itself. A child that dies without concluding its attempt (killed,
/// out of memory, a native crash) has it concluded here as <see cref="AttemptEnd.Died"/>.
/// </summary>
public sealed class ChildTrialProcess(
    TrialQueue queue,
    WorkerIdentity worker,
    WorkerShutdown shutdown,
    IOptions<SweepsOptions> options,
    ILogger<ChildTrialProcess> logger)
{
    public async Task RunAsync(ClaimedTrial trial, CancellationToken stopping)
    {
        using var child = Process.Start(StartInfo(trial.Claim))
            ?? throw new InvalidOperationException("The trial's child process did not start.");
        logger.LogInformation("Trial {TrialId} runs in child process {Pid}", trial.Id, child.Id);
        var output = ForwardAsync(child.StandardOutput, trial.Id);
        var errors = ForwardAsync(child.StandardError, trial.Id);
        using (stopping.Register(() => Terminate(child)))
            await child.WaitForExitAsync(CancellationToken.None);
        await Task.WhenAll(output, errors);

        if (child.ExitCode == 0) return;
        logger.LogWarning("Trial {TrialId}: child process exited with code {ExitCode}", trial.Id, child.ExitCode);
        try
        {
            await queue.EndAttemptAsync(trial.Claim, new AttemptEnd.Died($"its child process exited with code {child.ExitCode}"),
                options.Value.MaxAttempts, CancellationToken.None);
        }
        catch (StaleClaimException)
        {
            // The child concluded its attempt before it died, or another worker holds the trial now.
        }
    }

    private ProcessStartInfo StartInfo(TrialClaim claim)
    {
        var arguments = new List<string>
        {
            "run-trial", claim.TrialId.ToString(CultureInfo.InvariantCulture),
            "--attempt", claim.Attempt.ToString(CultureInfo.InvariantCulture),
        };
        if (shutdown.Drain) arguments.Add("--drain");
        var start = SweepsProgram.StartInfo(arguments);
        start.Environment["Sweeps__WorkerId"] = worker.Id;
        start.Environment["Sweeps__TorchThreads"] = options.Value.EffectiveTorchThreads.ToString(CultureInfo.InvariantCulture);
        return start;
    }

    private async Task ForwardAsync(StreamReader lines, int trialId)
    {
        while (await lines.ReadLineAsync() is { } line)
            logger.LogInformation("trial {TrialId} | {Line}", trialId, line);
    }

    private void Terminate(Process child)
    {
        if (!child.HasExited && !SweepsProgram.Signal(child.Id, SweepsProgram.SigTerm))
            logger.LogWarning("Could not signal child process {Pid} to stop", child.Id);
    }
}
