using System.CommandLine;
using Spectre.Console;
using Sweeps.Cli.Commands;

namespace Sweeps.Cli;

public static class SweepsCommandLine
{
    /// <summary>Stack traces and debug logging (the same as Logging__LogLevel__Default=Debug).</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Log at debug level and show the stack trace of any error",
        Recursive = true,
    };

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
            ServeCommand.Create(),
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
        root.Options.Add(Verbose);
        return root;
    }
}
