using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sweeps.Data;
using Sweeps.Spec;
using Sweeps.Training;
using TorchSharp;

namespace Sweeps.Cli.Commands;

/// <summary>The data path: loader images/s (memory-mapped prepared images, prefetch, crop, flip,
/// float conversion) on one thread and on all, and <c>data prepare</c> throughput.</summary>
public static class BenchDataCommand
{
    private const int Images = 20_000;
    private const int BatchSize = 256;

    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Batches per measurement", DefaultValueFactory = _ => 200 };
        var command = new Command("data", "Loader images/s (one thread, all threads) and prepare MB/s on generated 64x64 images") { steps };
        command.SetAction((result, ct) =>
        {
            var work = Directory.CreateTempSubdirectory("sweeps-bench-data-").FullName;
            try
            {
                AnsiConsole.MarkupLineInterpolated($"preparing {Images} generated images ...");
                var prepare = PrepareBenchmark.Run(work, Images);
                using var images = ImageDataset.ReadTrain(Path.Combine(work, "prepared"));
                var table = new Table().AddColumns("measure", "figure");
                table.AddRow("prepare", Invariant($"{prepare.MegabytesPerSecond:F0} MB/s ({prepare.ImagesPerSecond:F0} images/s)"));
                foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
                {
                    torch.set_num_threads(threads);
                    var loader = LoaderBenchmark.Run(images, new DataConfig(), BatchSize, result.GetValue(steps), torch.CPU, ct);
                    table.AddRow(Invariant($"loader, {threads} torch thread(s)"),
                        Invariant($"{loader.ImagesPerSecond:F0} images/s ({loader.ImagesPerSecond / threads:F0} per thread)"));
                }
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated($"64x64 random crop + flip + float conversion, batch {BatchSize}, from a memory-mapped prepared folder; {Environment.ProcessorCount} cores");
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
            return Task.FromResult(0);
        });
        return command;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
