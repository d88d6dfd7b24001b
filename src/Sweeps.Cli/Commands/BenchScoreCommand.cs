using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Sweeps.Data;
using Sweeps.Evaluation;
using Sweeps.Models;
using Sweeps.Orchestration;
using Sweeps.Spec;
using Sweeps.Training;
using TorchSharp;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Scoring speed: 2AFC triplets/s of ResNet-6 and ResNet-50 on generated triplets (with the time the
/// 36,344-triplet BAPPS val set would take), and, for each quickstart trial on the demo data, the
/// cost of scoring one checkpoint as a share of one training epoch.
/// </summary>
public static class BenchScoreCommand
{
    /// <summary>Triplets in BAPPS 2AFC val, all six categories.</summary>
    private const int BappsValTriplets = 36_344;

    public static Command Create()
    {
        var threads = BenchCommand.ThreadsOption();
        var triplets = new Option<int>("--triplets") { Description = "Generated triplets per measurement", DefaultValueFactory = _ => 2048 };
        var command = new Command("score", "PS triplets/s for ResNet-6 and ResNet-50, and scoring cost per checkpoint relative to an epoch of the quickstart trials")
        {
            threads, triplets,
        };
        command.SetAction(async (result, ct) =>
        {
            torch.set_num_threads(result.GetValue(threads));
            await using var services = await SweepsHost.CreateServicesAsync(ct, migrate: false);
            var options = services.GetRequiredService<IOptions<SweepsOptions>>();
            MeasureTriplets(result.GetValue(triplets), options.Value.EvaluationBatchSize);
            // DataCatalog and CheckpointScoring are registered for the worker only (AddSweepsTrialRunner).
            var data = new DataCatalog(options, services.GetRequiredService<ILogger<DataCatalog>>());
            MeasureQuickstartRatio(options.Value, data, new CheckpointScoring(data, options), ct);
            AnsiConsole.MarkupLineInterpolated($"{result.GetValue(threads)} torch thread(s), {Environment.ProcessorCount} cores");
            return 0;
        });
        return command;
    }

    private static void MeasureTriplets(int triplets, int batchSize)
    {
        var table = new Table().AddColumns("model", "functions", "triplets/s", "BAPPS val (36,344) takes");
        foreach (var depth in new[] { 6, 50 })
        {
            using var model = ModelFactory.Create(new ModelConfig { Family = "resnet", Depth = depth, Width = 1 }, 1000);
            model.eval();
            foreach (var functions in new[] { new[] { "lpips" }, new[] { "lpips", "meanpool", "style" } })
            {
                AnsiConsole.MarkupLineInterpolated($"measuring ResNet-{depth} with {string.Join("+", functions)} ...");
                var figures = ScoringBenchmark.Run(model, triplets, new ScoreSelection(functions, [], []), batchSize, torch.CPU);
                table.AddRow($"ResNet-{depth} width 1", string.Join("+", functions),
                    figures.TripletsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                    TimeSpan.FromSeconds(BappsValTriplets / figures.TripletsPerSecond).ToString(@"m\:ss", CultureInfo.InvariantCulture));
            }
        }
        AnsiConsole.Write(table);
    }

    /// <summary>
    /// Each quickstart trial from start to end, every epoch followed by one scoring of its checkpoint as
    /// the worker scores it: scoring time over epoch time per checkpoint (the first scoring also creates
    /// the eval-mode kernels) and over the whole trial.
    /// </summary>
    private static void MeasureQuickstartRatio(SweepsOptions options, DataCatalog data, CheckpointScoring scoring, CancellationToken ct)
    {
        var demoRoot = options.ResolveData("demo");
        DemoData.Ensure(demoRoot, new DemoDataOptions());
        var sweep = SweepFile.Load(Path.Combine(AppContext.BaseDirectory, "experiments", "quickstart.yaml"));
        var table = new Table().AddColumns("quickstart trial", "epochs s", "scorings s", "scoring / epoch", "whole trial");
        var work = Directory.CreateTempSubdirectory("sweeps-bench-score-").FullName;
        try
        {
            foreach (var trial in sweep.Trials)
            {
                var config = trial.Config.OnDevice("cpu");
                scoring.LoadData(config);
                using var trainer = new TrialTrainer(config, data.Train(config.Data), Path.Combine(work, $"trial-{trial.Index}"));
                var epochs = new List<TimeSpan>();
                var scorings = new List<TimeSpan>();
                while (!trainer.IsFinished)
                {
                    var clock = Stopwatch.StartNew();
                    trainer.TrainToNextCheckpoint(ct);
                    epochs.Add(clock.Elapsed);
                    trainer.Model.eval();
                    clock.Restart();
                    scoring.Score(trainer.Model, config);
                    scorings.Add(clock.Elapsed);
                }
                table.AddRow(Markup.Escape(trial.Label),
                    string.Join(", ", epochs.Select(Seconds)),
                    string.Join(", ", scorings.Select(Seconds)),
                    string.Join(", ", epochs.Zip(scorings, (epoch, scoring) => Percent(scoring / epoch))),
                    Percent(scorings.Sum(time => time.TotalSeconds) / epochs.Sum(time => time.TotalSeconds)));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("Scoring = top-1/top-5/loss on the demo val set + PS (and sensitivity) on the demo BAPPS folder, as the worker does per checkpoint.");
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);
}
