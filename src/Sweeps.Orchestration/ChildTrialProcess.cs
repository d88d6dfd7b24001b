using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
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
public sealed partial class ChildTrialProcess(
    TrialQueue queue,
    WorkerIdentity worker,
    WorkerShutdown shutdown,
    IOptions<SweepsOptions> options,
    ILogger<ChildTrialProcess> logger)
{
    private const int SigTerm = 15;

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
        var program = Environment.ProcessPath ?? throw new InvalidOperationException("The worker's executable path is unknown.");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started as `dotnet Sweeps.Cli.dll`: the child needs the program's assembly too.
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("The worker's entry assembly is unknown."));
        start.ArgumentList.Add("run-trial");
        start.ArgumentList.Add(claim.TrialId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--attempt");
        start.ArgumentList.Add(claim.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (shutdown.Drain) start.ArgumentList.Add("--drain");
        start.Environment["Sweeps__WorkerId"] = worker.Id;
        start.Environment["Sweeps__TorchThreads"] = options.Value.EffectiveTorchThreads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return start;
    }

    private async Task ForwardAsync(StreamReader lines, int trialId)
    {
        while (await lines.ReadLineAsync() is { } line)
            logger.LogInformation("trial {TrialId} | {Line}", trialId, line);
    }

    private void Terminate(Process child)
    {
        if (child.HasExited) return;
        if (Kill(child.Id, SigTerm) != 0)
            logger.LogWarning("Could not signal child process {Pid} to stop", child.Id);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
