using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Reports;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps report</c>: the study's figures, Table 1 and provenance as one self-contained page.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var sweeps = new Argument<string[]>("sweep") { Description = "Sweep ids or names; their results are reported together", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write index.html, figures/ (PNG and SVG) and data/ (CSV, Table 1) into", Required = true };
        var command = new Command("report",
            "Write the study's report: top-1 against PS with the fitted inverted U, per-hyperparameter effects, PS over training, per layer, category and function, Table 1, provenance")
        {
            sweeps, output,
        };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var records = await SweepArguments.FindAsync(scope.ServiceProvider.GetRequiredService<SweepCatalog>(), result.GetValue(sweeps)!, ct);
            if (records is null) return 1;
            var described = await ReportSweeps.DescribeAsync(scope.ServiceProvider, records, ct);
            var files = await scope.ServiceProvider.GetRequiredService<StudyReport>().WriteAsync(described, result.GetValue(output)!.FullName, ct);
            Console.WriteLine($"{files.Index} ({files.Figures.Count / 2} figures as PNG and SVG, {files.Tables.Count} tables)");
            return 0;
        });
        return command;
    }
}
