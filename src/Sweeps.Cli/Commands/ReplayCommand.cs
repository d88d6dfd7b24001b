using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Sweeps.Orchestration;
using Sweeps.Spec;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps replay SWEEP --early-terminate FILE</c>: what a rule would have done to a finished sweep.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var sweep = new Argument<string>("sweep") { Description = "Sweep id or name" };
        var rule = new Option<FileInfo>("--early-terminate")
        {
            Description = "YAML holding an early_terminate block (and optionally a metric); a sweep file will do",
            Required = true,
        };
        var command = new Command("replay", "Replay an early-terminate rule over a stored sweep's histories, in the order its trials ran: compute used, best found, where each trial stops")
        {
            sweep, rule,
        };
        command.SetAction(async (result, ct) =>
        {
            EarlyTerminateFile file;
            try
            {
                file = EarlyTerminateFile.Load(result.GetValue(rule)!.FullName);
            }
            catch (Exception problem) when (problem is SweepSpecException or IOException)
            {
                Console.Error.WriteLine(problem.Message);
                return 1;
            }
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<SweepReplayer>().ReplayAsync(result.GetValue(sweep)!, file, ct);
            if (report is null)
            {
                Console.Error.WriteLine($"No sweep with id or name '{result.GetValue(sweep)}'.");
                return 1;
            }
            Print(report, file);
            return 0;
        });
        return command;
    }

    private static void Print(SweepReplayReport report, EarlyTerminateFile file)
    {
        var replay = report.Result;
        var metric = report.Objective.Name;
        AnsiConsole.WriteLine($"Replay of {report.Sweep.Name} (sweep {report.Sweep.Id}) under early_terminate type {file.Rule.Type}, best by {metric} ({report.Objective.Goal.ToString().ToLowerInvariant()})");
        var table = new Table().AddColumns("ran", "trial", "stops after checkpoint (first is 0)", "images trained", $"best {metric} kept", $"best {metric} in full", "reason");
        for (int i = 0; i < replay.Trials.Length; i++)
        {
            var trial = replay.Trials[i];
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(report.Labels[i]),
                trial.StopCheckpoint is { } stop ? $"{stop} (its best at step {trial.Decision!.BestStep})" : "runs to the end",
                $"{Count(trial.ImagesTrained)} of {Count(trial.ImagesInFull)}",
                Number(trial.BestUnderRule),
                Number(trial.BestInFull),
                Markup.Escape(trial.Decision?.Reason ?? ""));
        }
        AnsiConsole.Write(table);
        AnsiConsole.WriteLine($"Compute: {Count(replay.ImagesTrained)} of {Count(replay.ImagesInFull)} training images ({Number(100 * replay.ComputeFraction)}% of the full sweep)");
        AnsiConsole.WriteLine($"Best {metric}: {Number(replay.BestUnderRule)} under the rule, {Number(replay.BestInFull)} in the full sweep (gap {Number(Math.Abs(replay.BestInFull - replay.BestUnderRule))})");
    }

    private static string Number(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
