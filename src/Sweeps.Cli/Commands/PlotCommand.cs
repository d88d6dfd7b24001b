using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sweeps.Orchestration;
using Sweeps.Plots;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

public static class PlotCommand
{
    public static Command Create()
    {
        var sweep = new Argument<string>("sweep") { Description = "Sweep id or name" };
        var output = new Option<FileInfo?>("--out") { Description = "PNG to write (default: sweep-<id>-accuracy-ps.png in the PlotRoot setting)" };
        var command = new Command("plot", "Plot top-1 accuracy against Perceptual Score for every scored checkpoint of a sweep") { sweep, output };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<SweepStore>();
            var record = await store.FindSweepAsync(result.GetValue(sweep)!, ct);
            if (record is null)
            {
                Console.Error.WriteLine($"No sweep with id or name '{result.GetValue(sweep)}'.");
                return 1;
            }
            var plotRoot = services.GetRequiredService<IOptions<SweepsOptions>>().Value.PlotRoot;
            var title = await scope.ServiceProvider.GetRequiredService<DataProvenance>().TitleAsync(record, ct);
            var path = await SaveAsync(store, record, title, result.GetValue(output)?.FullName ?? DefaultPath(plotRoot, record), ct);
            if (path is null)
            {
                Console.Error.WriteLine($"Sweep {record.Id} has no scored checkpoint yet.");
                return 1;
            }
            Console.WriteLine(path);
            return 0;
        });
        return command;
    }

    public static string DefaultPath(string plotRoot, SweepRecord sweep) =>
        Path.GetFullPath(Path.Combine(plotRoot, $"sweep-{sweep.Id}-accuracy-ps.png"));

    /// <summary>Writes the sweep's accuracy-versus-PS plot; null when nothing is scored yet.</summary>
    public static async Task<string?> SaveAsync(SweepStore store, SweepRecord sweep, string title, string path, CancellationToken ct)
    {
        var checkpoints = await store.GetScoredCheckpointsAsync(sweep.Id, ct);
        if (checkpoints.Count == 0) return null;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var points = checkpoints.Select(c => new PlotPoint(c.Label, c.Epochs, c.Top1, c.Ps)).ToList();
        AccuracyPerceptualPlot.Save(points, title + ": top-1 vs Perceptual Score", path);
        return path;
    }
}
