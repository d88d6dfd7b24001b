using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Sweeps.Data;
using Sweeps.Orchestration;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary>The newcomer's first run: synthetic demo data, the quickstart sweep, the worker until
/// the queue is empty, then the results table and the plots (accuracy against PS, PS over training, PS per layer).</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Generate the synthetic demo data if missing, run experiments/quickstart.yaml to the end and plot it");
        command.SetAction(async (_, ct) =>
        {
            var clock = Stopwatch.StartNew();
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            var options = services.GetRequiredService<IOptions<SweepsOptions>>().Value;
            var demoRoot = options.ResolveData("demo");
            AnsiConsole.MarkupLineInterpolated($"Synthetic demo data in {demoRoot}");
            DemoData.Ensure(demoRoot, new DemoDataOptions());

            var sweep = SweepFile.Load(Path.Combine(AppContext.BaseDirectory, "experiments", "quickstart.yaml"));
            SweepRecord stored;
            using (var scope = services.CreateScope())
                stored = await scope.ServiceProvider.GetRequiredService<SweepQueue>().SubmitAsync(sweep, force: false, ct);
            AnsiConsole.MarkupLine(SubmitCommand.Summary(stored, sweep) + "; running the worker until they are done");

            if (await WorkerCommand.RunAsync(untilIdle: true, ct) is var stopped and not ExitCodes.Success)
                return stopped;

            using (var scope = services.CreateScope())
            {
                var status = await scope.ServiceProvider.GetRequiredService<SweepStatusReport>().ReadAsync(stored, ct);
                AnsiConsole.Write(ResultsTable.Create(status, DateTime.UtcNow));
                foreach (var line in ResultsTable.ReferenceLines(status))
                    AnsiConsole.WriteLine(line);
                AnsiConsole.MarkupLineInterpolated($"Data: synthetic (generated; see docs/demo-data.md)");
                foreach (var kind in PlotCommand.Kinds)
                {
                    var plot = await PlotCommand.SaveAsync(scope.ServiceProvider, [stored], kind, PlotCommand.DefaultPath(options.PlotRoot, [stored], kind), ct);
                    AnsiConsole.MarkupLineInterpolated($"Plot ({kind}): {plot ?? "(nothing scored)"}");
                }
                AnsiConsole.MarkupLineInterpolated($"Database: {options.Database}");
                AnsiConsole.MarkupLineInterpolated($"Checkpoints: {Path.GetFullPath(options.CheckpointRoot)}");
                AnsiConsole.MarkupLineInterpolated($"Wall time: {clock.Elapsed:m\\:ss}");
            }
            return 0;
        });
        return command;
    }
}
