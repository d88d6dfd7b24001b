using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Sweeps.Orchestration;
using Sweeps.Reports;
using Sweeps.Spec;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps replay SWEEP --early-terminate FILE [--early-terminate FILE2 ...] [--plot FILE.png]</c>: what
/// each rule would have done to a finished sweep, and optionally their anytime curves in one figure.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var sweep = new Argument<string>("sweep") { Description = "Sweep id or name" };
        var rules = new Option<FileInfo[]>("--early-terminate")
        {
            Description = "YAML holding an early_terminate block (and optionally a metric); a sweep file will do. Repeat it to replay several rules, each in turn",
            Required = true,
        };
        var plot = new Option<FileInfo?>("--plot")
        {
            Description = "Also draw every rule's best metric found against compute used, with the full sweep, as this PNG and an SVG beside it",
        };
        var command = new Command("replay", "Replay early-terminate rules over a stored sweep's histories, in the order its trials ran: compute used, best found, where each trial stops")
        {
            sweep, rules, plot,
        };
        command.SetAction(async (result, ct) =>
        {
            var plotFile = result.GetValue(plot);
            if (plotFile is not null && !plotFile.Extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"--plot {plotFile.Name}: give a .png path (the SVG is written beside it).");
                return 1;
            }
            var files = new List<(FileInfo Path, EarlyTerminateFile Rule)>();
            try
            {
                foreach (var path in result.GetValue(rules)!)
                    files.Add((path, EarlyTerminateFile.Load(path.FullName)));
            }
            catch (Exception problem) when (problem is SweepSpecException or IOException)
            {
                Console.Error.WriteLine(problem.Message);
                return 1;
            }
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var replayer = scope.ServiceProvider.GetRequiredService<SweepReplayer>();
            var reports = new List<(FileInfo Path, EarlyTerminateFile Rule, SweepReplayReport Report)>();
            foreach (var (path, file) in files)
            {
                if (await replayer.ReplayAsync(result.GetValue(sweep)!, file, ct) is not { } report)
                {
                    Console.Error.WriteLine($"No sweep with id or name '{result.GetValue(sweep)}'.");
                    return 1;
                }
                Print(report, file);
                reports.Add((path, file, report));
            }
            if (plotFile is null) return 0;
            try
            {
                var (png, svg) = ReplayFigure.Save(reports.Select(r => ($"{r.Path.Name} ({r.Rule.Rule.Type})", r.Report.Result)).ToList(),
                    reports[0].Report.Sweep.Name, plotFile.FullName);
                AnsiConsole.WriteLine($"Figure: {png} and {svg}");
            }
            catch (ArgumentException problem)
            {
                Console.Error.WriteLine(problem.Message);
                return 1;
            }
            return 0;
        });
        return command;
    }

    private static void Print(SweepReplayReport report, EarlyTerminateFile file)
    {
        var replay = report.Result;
        var metric = replay.Objective.Name;
        AnsiConsole.WriteLine($"Replay of {report.Sweep.Name} (sweep {report.Sweep.Id}) under early_terminate type {file.Rule.Type}, best by {metric} ({replay.Objective.Goal.ToString().ToLowerInvariant()})");
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
        AnsiConsole.WriteLine($"Best {metric}: {Number(replay.BestUnderRule)} under the rule, {Number(replay.BestInFull)} in the full sweep (gap {Number(replay.Gap)})");
    }

    private static string Number(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
