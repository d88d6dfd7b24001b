using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Reports;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Cli.Bench;

/// <summary>What <see cref="ReportBenchmark"/> measured, in seconds.</summary>
public sealed record ReportBenchmarkFigures(
    int Trials, int Checkpoints, long ScoreRows, double GenerateSeconds, double DatabaseMegabytes,
    IReadOnlyList<(string Measure, double First, double Second)> Timings, string Folder);

/// <summary>
/// <c>bench report</c>: a results database at the study's scale (a grid of widths x weight decays, a
/// scored checkpoint every 1000 steps, 45 score rows per checkpoint: top-1, top-5, loss, lpips PS of 4
/// layers and the ensemble in 6 BAPPS categories, their mean and weighted mean, meanpool and style),
/// stored through the real stores for sweeps and trials and by prepared statements for the millions of
/// scores; then the report, the results export and the queries a live page would make, each timed.
/// The values are generated (an inverted U in PS against training), not measured.
/// </summary>
public sealed class ReportBenchmark(int trials, int checkpointsPerTrial, string folder)
{
    private static readonly string[] Layers = ["stage1", "stage2", "stage3", "stage4", "ensemble"];
    private static readonly string[] Categories = ["traditional", "cnn", "superres", "deblur", "frameinterp", "color", "mean", "weighted_mean"];
    private const int StepsPerCheckpoint = 1000;

    public async Task<ReportBenchmarkFigures> RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var databaseFile = Path.Combine(folder, "bench-report.db");
        if (File.Exists(databaseFile)) File.Delete(databaseFile);
        await using var services = new ServiceCollection()
            .AddSweepsStorage($"Data Source={databaseFile}")
            .AddSweepsReports()
            .BuildServiceProvider();
        using (var scope = services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SweepsDatabase>().MigrateAsync(ct);

        var clock = Stopwatch.StartNew();
        var (sweep, scoreRows, checkpoints) = await GenerateAsync(services, ct);
        double generate = clock.Elapsed.TotalSeconds;

        var timings = new List<(string, double, double)>();
        // Twice, each in a fresh scope: the first run includes EF's compilation of the query, the second is
        // what a long-running process (a live page) sees.
        async Task Time(string measure, Func<IServiceProvider, Task> work)
        {
            var seconds = new double[2];
            for (int run = 0; run < 2; run++)
            {
                using var scope = services.CreateScope();
                var watch = Stopwatch.StartNew();
                await work(scope.ServiceProvider);
                seconds[run] = watch.Elapsed.TotalSeconds;
            }
            timings.Add((measure, seconds[0], seconds[1]));
        }
        var described = new ReportSweep(sweep, $"{sweep.Name} (sweep {sweep.Id}), generated benchmark data", Synthetic: true, ["bapps/2afc/val"]);
        await Time("report (sweeps report)", s => s.GetRequiredService<StudyReport>().WriteAsync([described], Path.Combine(folder, "report"), ct));
        await Time("trial table (status: state, progress, best top-1, best PS, best checkpoint)",
            s => s.GetRequiredService<SweepCatalog>().GetTrialStatusesAsync(sweep.Id, ct));
        await Time("figure query: every checkpoint's top-1 and PS", s => s.GetRequiredService<ResultStore>().GetScoredCheckpointsAsync(sweep.Id, ct));
        await Time("figure query: every score of each trial's best checkpoint", s => s.GetRequiredService<ResultStore>().GetBestCheckpointScoresAsync(sweep.Id, ct));
        await Time("results export (CSV, every score row)", async s =>
        {
            await using var output = File.Create(Path.Combine(folder, "results.csv"));
            await s.GetRequiredService<ResultsExport>().WriteAsync([sweep], ResultsExport.Csv, output, ct);
        });
        // SQLite keeps recent pages in its write-ahead log beside the file.
        double megabytes = new[] { databaseFile, databaseFile + "-wal" }.Where(File.Exists).Sum(file => new FileInfo(file).Length) / 1e6;
        return new ReportBenchmarkFigures(trials, checkpoints, scoreRows, generate, megabytes, timings, folder);
    }

    private async Task<(SweepRecord Sweep, long ScoreRows, int Checkpoints)> GenerateAsync(IServiceProvider services, CancellationToken ct)
    {
        // A grid close to square: widths (log-spaced) x weight decays (log-spaced), cut to the trial count.
        int widths = (int)Math.Ceiling(Math.Sqrt(trials));
        int decays = (int)Math.Ceiling(trials / (double)widths);
        string Values(int count, Func<int, double> value) =>
            "[" + string.Join(", ", Enumerable.Range(0, count).Select(i => value(i).ToString("G6", CultureInfo.InvariantCulture))) + "]";
        var yaml = $"""
            name: bench-report
            method: grid
            base:
              model: {"{"} family: resnet, depth: 6 {"}"}
              data: {"{"} train: imagenet64, val: imagenet64 {"}"}
              train: {"{"} epochs: 90, batch_size: 1024 {"}"}
              score: {"{"} bapps: bapps/2afc/val {"}"}
            parameters:
              model.width:
                values: {Values(widths, i => Math.Pow(2, (i - widths / 2) / 4.0))}
              train.weight_decay:
                values: {Values(decays, i => 1e-5 * Math.Pow(10, i / 8.0))}
            """;
        var definition = SweepFile.Parse(yaml, "bench-report.yaml");
        var chosen = definition.Trials.Take(trials).ToList();
        SweepRecord sweep;
        using (var scope = services.CreateScope())
            sweep = await scope.ServiceProvider.GetRequiredService<SweepCatalog>().AddSweepAsync(definition.Name, yaml,
                chosen.Select(t => new NewTrial(t.Label, t.Config.ToJson(), t.Config.Hash())).ToList(), force: false, ct);

        using var dbScope = services.CreateScope();
        var db = dbScope.ServiceProvider.GetRequiredService<SweepsDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        var random = new Random(1);
        long rows = 0;
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var insertCheckpoint = Command(connection, transaction,
                """INSERT INTO "Checkpoints" ("TrialId", "Epoch", "EpochFraction", "Step", "Attempt", "Scheduled", "Path", "Sha256", "CreatedAt") VALUES (@t, @e, @f, @s, 1, 1, @p, 'bench', @c) RETURNING "Id" """,
                "t", "e", "f", "s", "p", "c");
            var insertScore = Command(connection, transaction,
                """INSERT INTO "Scores" ("CheckpointId", "Metric", "Function", "Layer", "Category", "Value") VALUES (@k, @m, @fn, @l, @cat, @v)""",
                "k", "m", "fn", "l", "cat", "v");
            var markBest = Command(connection, transaction,
                """UPDATE "Trials" SET "BestCheckpointId" = @b, "State" = 'Completed', "Step" = @s, "TotalSteps" = @s, "CompletedEpochs" = @e WHERE "Id" = @t""",
                "b", "s", "e", "t");
            var created = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);
            for (int trial = 0; trial < sweep.TrialIds.Count; trial++)
            {
                // Each trial's PS rises and falls over training with its own peak; top-1 keeps rising.
                double peak = 0.2 + 0.6 * random.NextDouble(), height = 64 + 6 * random.NextDouble(), ceiling = 40 + 35 * random.NextDouble();
                (int Id, double Ps)? best = null;
                for (int k = 1; k <= checkpointsPerTrial; k++)
                {
                    double progress = k / (double)checkpointsPerTrial;
                    long step = (long)k * StepsPerCheckpoint;
                    double epochs = progress * 90;
                    Set(insertCheckpoint, sweep.TrialIds[trial], (int)epochs, epochs, step, $"/bench/{trial}/{k}.ckpt", created);
                    int id = Convert.ToInt32(await insertCheckpoint.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                    double ps = height - 8 * (progress - peak) * (progress - peak) + 0.2 * random.NextDouble();
                    double top1 = ceiling * (1 - Math.Exp(-4 * progress));
                    foreach (var (metric, function, layer, category, value) in Scores(top1, ps))
                    {
                        Set(insertScore, id, metric, function, layer, category, value);
                        await insertScore.ExecuteNonQueryAsync(ct);
                        rows++;
                    }
                    if (best is null || ps > best.Value.Ps) best = (id, ps);
                }
                Set(markBest, best!.Value.Id, (long)checkpointsPerTrial * StepsPerCheckpoint, 90, sweep.TrialIds[trial]);
                await markBest.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        // Rows written around the store: the trials' best top-1 and PS from them, as recording scores keeps them.
        await dbScope.ServiceProvider.GetRequiredService<ResultStore>().UpdateHeadlineBestsAsync(ct);
        // Fold the write-ahead log into the file, as SQLite's automatic checkpoints do in a long-lived store.
        await using (var fold = connection.CreateCommand())
        {
            fold.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await fold.ExecuteNonQueryAsync(ct);
        }
        return (sweep, rows, sweep.TrialIds.Count * checkpointsPerTrial);
    }

    private static IEnumerable<(string Metric, string Function, string Layer, string Category, double Value)> Scores(double top1, double ps)
    {
        yield return ("top1", "", "", "", top1);
        yield return ("top5", "", "", "", Math.Min(100, top1 + 20));
        yield return ("loss", "", "", "", 4 - top1 / 30);
        for (int l = 0; l < Layers.Length; l++)
            for (int c = 0; c < Categories.Length; c++)
                yield return ("ps", "lpips", Layers[l], Categories[c], Layers[l] == "ensemble" && Categories[c] is "mean" ? ps : ps - 3 + l * 0.5 + c * 0.3);
        yield return ("ps", "meanpool", "ensemble", "mean", ps - 1.5);
        yield return ("ps", "style", "ensemble", "mean", ps - 4);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object[] values)
    {
        for (int i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
    }
}
