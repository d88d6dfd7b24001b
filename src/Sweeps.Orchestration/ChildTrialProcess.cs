using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// Trains a claimed trial in a child process (<c>sweeps run-trial ID</c>) running under this
/// worker's identity, so the lease stays valid, and waits for it. Stopping the worker asks the child
/// to stop (SIGTERM); it hands the trial back at its last checkpoint. A child that dies without
/// settling the trial has its attempt released with the exit code as the reason.
/// </summary>
public sealed partial class ChildTrialProcess(
    SweepStore store,
    WorkerIdentity worker,
    IOptions<SweepsOptions> options,
    ILogger<ChildTrialProcess> logger)
{
    private const int SigTerm = 15;

    public async Task RunAsync(ClaimedTrial trial, CancellationToken stopping)
    {
        using var child = Process.Start(StartInfo(trial.Id))
            ?? throw new InvalidOperationException("The trial's child process did not start.");
        logger.LogInformation("Trial {TrialId} runs in child process {Pid}", trial.Id, child.Id);
        var output = ForwardAsync(child.StandardOutput, trial.Id);
        var errors = ForwardAsync(child.StandardError, trial.Id);
        using (stopping.Register(() => Terminate(child)))
            await child.WaitForExitAsync(CancellationToken.None);
        await Task.WhenAll(output, errors);

        if (child.ExitCode == 0) return;
        // The child settles the trial itself unless it died; only a trial still held here is released.
        await store.ReleaseAsync(trial.Id, worker.Id, CancellationToken.None,
            $"attempt {trial.Attempts} of {options.Value.MaxAttempts}: child process exited with code {child.ExitCode}");
        logger.LogWarning("Trial {TrialId}: child process exited with code {ExitCode}", trial.Id, child.ExitCode);
    }

    private ProcessStartInfo StartInfo(int trialId)
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
        start.ArgumentList.Add(trialId.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
