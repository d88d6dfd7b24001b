using System.CommandLine;
using Spectre.Console;
using Sweeps.Cli.Commands;

namespace Sweeps.Cli;

public static class SweepsCommandLine
{
    public static RootCommand Create()
    {
        // Redirected output (logs, CI) has no terminal width: keep tables on one line per row.
        if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = 240;
        var root = new RootCommand("Sweeps: hyperparameter sweeps of ImageNet classifiers, scored for accuracy and Perceptual Score")
        {
            ValidateCommand.Create(),
            ExpandCommand.Create(),
            SubmitCommand.Create(),
            WorkerCommand.Create(),
            StatusCommand.Create(),
            LogsCommand.Create(),
            DbCommand.Create(),
            ReplayCommand.Create(),
            PlotCommand.Create(),
            ResultsCommand.Create(),
            ReportCommand.Create(),
            DemoCommand.Create(),
            BenchCommand.Create(),
            DataCommand.Create(),
            RunTrialCommand.Create(),
            ScoreCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
        };
        foreach (var command in OperatorCommands.Create())
            root.Subcommands.Add(command);
        return root;
    }
}
