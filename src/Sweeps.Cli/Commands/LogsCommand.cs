using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Commands;

/// <summary><c>logs --trial N</c>: prints the trial's own log file (every attempt, on whichever worker).</summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var trial = new Option<int>("--trial") { Description = "Trial id (as status shows it)", Required = true };
        var command = new Command("logs", "Print a trial's log: every attempt, checkpoint, interruption and error, from whichever worker ran it") { trial };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var id = result.GetValue(trial);
            var path = await scope.ServiceProvider.GetRequiredService<TrialOperations>().LogPathAsync(id, ct);
            if (path is null)
            {
                Console.Error.WriteLine($"Trial {id} has no log: it does not exist or no worker has started it yet.");
                return 1;
            }
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: the log of trial {id} is not there (is CheckpointRoot shared with the worker that ran it?).");
                return 2;
            }
            await using var log = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            await log.CopyToAsync(Console.OpenStandardOutput(), ct);
            return 0;
        });
        return command;
    }
}
