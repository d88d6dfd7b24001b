using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sweeps.Spec;
using Sweeps.Training;
using TorchSharp;

namespace Sweeps.Cli.Commands;

/// <summary>Training throughput of the study's architectures at 64x64 on random data: images/s,
/// resident memory at steps 10/100/1000 (it must stay flat), and the share of this machine's
/// measured matmul peak the training flops reach.</summary>
public static class BenchTrainCommand
{
    private static readonly (string Name, ModelConfig Model, TrainConfig Train)[] Models =
    [
        ("resnet6-w0.25", new ModelConfig { Family = "resnet", Depth = 6, Width = 0.25 }, new TrainConfig()),
        ("resnet6-w1", new ModelConfig { Family = "resnet", Depth = 6, Width = 1 }, new TrainConfig()),
        ("resnet18-w0.25", new ModelConfig { Family = "resnet", Depth = 18, Width = 0.25 }, new TrainConfig()),
        ("resnet18-w1", new ModelConfig { Family = "resnet", Depth = 18, Width = 1 }, new TrainConfig()),
        ("resnet50-w0.25", new ModelConfig { Family = "resnet", Depth = 50, Width = 0.25 }, new TrainConfig()),
        ("resnet50-w1", new ModelConfig { Family = "resnet", Depth = 50, Width = 1 }, new TrainConfig()),
        // ViT-B/8 at a quarter of Base's width: hidden 192 (12 heads of 16), MLP 768.
        ("vit-b8-w0.25", new ModelConfig { Family = "vit", Depth = 12, PatchSize = 8, HiddenSize = 768, Heads = 12, MlpSize = 3072, Width = 0.25 },
            new TrainConfig { Optimizer = "adamw", LearningRate = 2.5e-4, WeightDecay = 0.3, Schedule = "cosine" }),
    ];

    public static Command Create()
    {
        var threads = BenchCommand.ThreadsOption();
        var steps = new Option<int>("--steps") { Description = "Optimiser steps per model (RSS is sampled at 10, 100 and 1000)", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 64 };
        var only = new Option<string[]>("--models") { Description = $"Subset of: {string.Join(", ", Models.Select(m => m.Name))}", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Forward+backward images/s, RSS over steps and % of matmul peak for ResNet-6/18/50 and ViT-B/8 at 64x64")
        {
            threads, steps, batch, only,
        };
        command.SetAction((result, ct) =>
        {
            torch.set_num_threads(result.GetValue(threads));
            var wanted = result.GetValue(only) is { Length: > 0 } names ? names : Models.Select(m => m.Name).ToArray();
            var table = new Table().AddColumns("model", "GFLOP/img (train)", "img/s", "RSS MB @10", "@100", "@1000", "% of matmul peak");
            double peak = 0;
            foreach (var (name, model, train) in Models.Where(m => wanted.Contains(m.Name)))
            {
                AnsiConsole.MarkupLineInterpolated($"measuring {name} ...");
                var figures = TrainingBenchmark.Run(model, train with { BatchSize = result.GetValue(batch), Device = "cpu" }, result.GetValue(steps), ct);
                peak = figures.PeakFlopsPerSecond;
                table.AddRow(name,
                    (figures.TrainingFlopsPerImage / 1e9).ToString("F3", CultureInfo.InvariantCulture),
                    figures.ImagesPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                    Rss(figures, 10), Rss(figures, 100), Rss(figures, 1000),
                    (100 * figures.FractionOfPeak).ToString("F0", CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"64x64, batch {result.GetValue(batch)}, {result.GetValue(steps)} steps, {result.GetValue(threads)} torch thread(s); float32 matmul peak {peak / 1e9:F0} GFLOP/s");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string Rss(TrainingBenchmarkResult figures, int step) =>
        figures.Rss.FirstOrDefault(s => s.Step == step) is { } sample ? (sample.Bytes / 1e6).ToString("F0", CultureInfo.InvariantCulture) : "-";
}
