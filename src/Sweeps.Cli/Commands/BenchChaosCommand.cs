using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sweeps.Cli.Chaos;

namespace Sweeps.Cli.Commands;

/// <summary><c>bench chaos</c>: kills the worker's process group again and again during a sweep and prints
/// what survived against an uninterrupted run (a benchmark that prints figures, not a test).</summary>
public static class BenchChaosCommand
{
    public static Command Create()
    {
        var kills = new Option<int>("--kills") { Description = "SIGKILLs of the worker's process group", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "Seed of the kill moments", DefaultValueFactory = _ => 1 };
        var trials = new Option<int>("--trials") { Description = "Trials in the sweep (ResNet-6 width 1/8 on small synthetic data)", DefaultValueFactory = _ => 3 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per trial (12 steps each)", DefaultValueFactory = _ => 12 };
        var everySteps = new Option<int>("--every-steps") { Description = "Checkpoint every N steps", DefaultValueFactory = _ => 4 };
        var inProcess = new Option<bool>("--in-process") { Description = "Train in the worker's process instead of a child process per trial" };
        var keep = new Option<DirectoryInfo?>("--keep") { Description = "Keep both installations (databases, checkpoints, logs) in this folder" };
        var command = new Command("chaos", "Kill the worker's process group with SIGKILL during a sweep, again and again, and compare with an uninterrupted run")
        {
            kills, seed, trials, epochs, everySteps, inProcess, keep,
        };
        command.SetAction(async (result, ct) =>
        {
            var settings = new ChaosSettings(result.GetValue(kills), result.GetValue(seed), result.GetValue(trials), result.GetValue(epochs),
                result.GetValue(everySteps), ChildProcesses: !result.GetValue(inProcess), result.GetValue(keep)?.FullName);
            var report = await new ChaosBenchmark(settings, line => AnsiConsole.WriteLine(line)).RunAsync(ct);
            Print(settings, report);
            return report.BitIdentical && report.TrialsCompleted == report.Trials ? 0 : 1;
        });
        return command;
    }

    private static void Print(ChaosSettings settings, ChaosReport report)
    {
        AnsiConsole.WriteLine($"{report.Kills} SIGKILLs of the worker's process group (seed {settings.Seed}); {report.Trials} trials x {settings.Epochs} epochs, " +
            $"a checkpoint every {settings.EverySteps} steps; {(settings.ChildProcesses ? "a child process per trial" : "trials in the worker's process")}; 1 torch thread");
        var table = new Table().AddColumns("measure", "figure");
        table.AddRow("trials completed", $"{report.TrialsCompleted} of {report.Trials}");
        table.AddRow("epochs lost", Number(report.EpochsLost));
        table.AddRow("attempts / interruptions / failed attempts", $"{report.Attempts} / {report.Interruptions} / {report.FailedAttempts}");
        table.AddRow("duplicate rows", Number(report.DuplicateRows));
        table.AddRow("checkpoint files identical to the uninterrupted run (SHA-256)", $"{report.IdenticalCheckpoints} of {report.Checkpoints}");
        table.AddRow("score rows identical to the uninterrupted run", $"{report.IdenticalScoreRows} of {report.ScoreRows} ({report.ChaosScoreRows} stored)");
        table.AddRow("bit-identical", report.BitIdentical ? "yes" : "no");
        table.AddRow("wall time: killed / uninterrupted", $"{report.ChaosWall:m\\:ss} / {report.UninterruptedWall:m\\:ss}");
        table.AddRow("installations", Markup.Escape(report.Folder));
        AnsiConsole.Write(table);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
