using System.CommandLine;
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
        command.SetAction(async (result, ct) =>
        {
            await RunAsync(result.GetValue(untilIdle), ct, result.GetValue(drain));
            return 0;
        });
        return command;
    }

    public static async Task RunAsync(bool untilIdle, CancellationToken ct, bool drain = false)
    {
        var builder = SweepsHost.CreateBuilder();
        builder.Services.AddSweepsWorker(builder.Configuration, untilIdle, drain).AddSystemdNotifications().AddWorkerProgressDisplay();
        using var host = builder.Build();
        await host.RunAsync(ct);
    }
}
