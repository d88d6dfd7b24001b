using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Commands;

public static class WorkerCommand
{
    public static Command Create()
    {
        var untilIdle = new Option<bool>("--until-idle") { Description = "Exit once no queued trial is left" };
        var drain = new Option<bool>("--drain")
        {
            Description = "When stopped (SIGTERM, Ctrl+C), train each running trial to its next scheduled checkpoint and score it before handing it back",
        };
        var command = new Command("worker", "Run the worker: claim queued trials, train, checkpoint and score them until stopped") { untilIdle, drain };
        command.SetAction((result, ct) => RunAsync(result.GetValue(untilIdle), ct, result.GetValue(drain)));
        return command;
    }

    /// <returns>0 when the worker stopped as asked (SIGTERM, as systemd stops it, or --until-idle with
    /// nothing left); <see cref="ExitCodes.Interrupted"/> after Ctrl+C.</returns>
    public static async Task<int> RunAsync(bool untilIdle, CancellationToken ct, bool drain = false)
    {
        var builder = SweepsHost.CreateBuilder();
        builder.Services.AddSweepsWorker(builder.Configuration, untilIdle, drain).AddSystemdNotifications().AddWorkerProgressDisplay();
        using var host = builder.Build();
        // The host's lifetime handles the signal (hands the trials back); this only remembers it came.
        bool interrupted = false;
        using var ctrlC = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => interrupted = true);
        await host.RunAsync(ct);
        if (!interrupted) return ExitCodes.Success;
        Console.Error.WriteLine("Interrupted (Ctrl+C): running trials were handed back at their last checkpoint.");
        return ExitCodes.Interrupted;
    }
}
