using System.CommandLine;
using Sweeps.Cli.Commands;

namespace Sweeps.Cli;

public static class SweepsCommandLine
{
    public static RootCommand Create() => new("Sweeps: hyperparameter sweeps of ImageNet classifiers, scored for accuracy and Perceptual Score")
    {
        SubmitCommand.Create(),
        WorkerCommand.Create(),
        StatusCommand.Create(),
        PlotCommand.Create(),
        DemoCommand.Create(),
        BenchCommand.Create(),
    };
}
