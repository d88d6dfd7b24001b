using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Reports;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps results</c>: every stored score of the given sweeps as CSV or JSON, for pandas, R or a spreadsheet.</summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var sweeps = new Argument<string[]>("sweep") { Description = "Sweep ids or names", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => ResultsExport.Csv };
        format.AcceptOnlyFromAmong(ResultsExport.Formats);
        var output = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output)" };
        var command = new Command("results",
            "One row per stored score (trial, its swept values, checkpoint step/epoch/images trained, whether it is the trial's best checkpoint, metric, function, layer, category, value)")
        {
            sweeps, format, output,
        };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var records = await SweepArguments.FindAsync(scope.ServiceProvider.GetRequiredService<SweepCatalog>(), result.GetValue(sweeps)!, ct);
            if (records is null) return 1;
            var export = scope.ServiceProvider.GetRequiredService<ResultsExport>();
            if (result.GetValue(output) is { } file)
            {
                file.Directory?.Create();
                long rows = await export.WriteFileAsync(records, result.GetValue(format)!, file.FullName, ct);
                Console.WriteLine($"{rows} score rows written to {file.FullName}");
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await export.WriteAsync(records, result.GetValue(format)!, stdout, ct);
            }
            return 0;
        });
        return command;
    }
}
