using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sweeps.Orchestration;
using Sweeps.Plots;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary>
/// The figures of one sweep, or of several compared on one set of axes (series named by sweep and
/// trial): top-1 against PS, PS over training, and per-layer PS of each trial's newest checkpoint.
/// </summary>
public static class PlotCommand
{
    public const string AccuracyPs = "accuracy-ps";
    public const string Training = "training";
    public const string Layers = "layers";
    public static readonly string[] Kinds = [AccuracyPs, Training, Layers];

    public static Command Create()
    {
        var sweeps = new Argument<string[]>("sweep") { Description = "Sweep ids or names; two or more are drawn together", Arity = ArgumentArity.OneOrMore };
        var kind = new Option<string>("--kind")
        {
            Description = $"{AccuracyPs}: top-1 against PS per checkpoint; {Training}: PS over epochs; {Layers}: PS per layer of each trial's newest checkpoint",
            DefaultValueFactory = _ => AccuracyPs,
        };
        kind.AcceptOnlyFromAmong(Kinds);
        var output = new Option<FileInfo?>("--out") { Description = "PNG to write (default: sweep-<ids>-<kind>.png in the PlotRoot setting)" };
        var command = new Command("plot", "Plot a sweep's scored checkpoints (accuracy against PS, PS over training, PS per layer), or compare sweeps")
        {
            sweeps, kind, output,
        };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var catalog = scope.ServiceProvider.GetRequiredService<SweepCatalog>();
            var store = scope.ServiceProvider.GetRequiredService<ResultStore>();
            var records = new List<SweepRecord>();
            foreach (var name in result.GetValue(sweeps)!)
            {
                var record = await catalog.FindSweepAsync(name, ct);
                if (record is null)
                {
                    Console.Error.WriteLine($"No sweep with id or name '{name}'.");
                    return 1;
                }
                records.Add(record);
            }
            var plotRoot = services.GetRequiredService<IOptions<SweepsOptions>>().Value.PlotRoot;
            var provenance = scope.ServiceProvider.GetRequiredService<DataProvenance>();
            var title = records.Count == 1
                ? await provenance.TitleAsync(records[0], ct)
                : string.Join(" vs ", records.Select(record => record.Name));
            var chosen = result.GetValue(kind)!;
            var path = await SaveAsync(store, records, chosen, title, result.GetValue(output)?.FullName ?? DefaultPath(plotRoot, records, chosen), ct);
            if (path is null)
            {
                Console.Error.WriteLine($"{Describe(records)} {(records.Count == 1 ? "has" : "have")} no scored checkpoint yet.");
                return 1;
            }
            Console.WriteLine(path);
            return 0;
        });
        return command;
    }

    public static string DefaultPath(string plotRoot, IReadOnlyList<SweepRecord> sweeps, string kind) =>
        Path.GetFullPath(Path.Combine(plotRoot, $"sweep-{string.Join("+", sweeps.Select(sweep => sweep.Id))}-{kind}.png"));

    /// <summary>Writes one figure of <paramref name="sweeps"/>; null when none of them has a scored checkpoint.</summary>
    public static async Task<string?> SaveAsync(ResultStore store, IReadOnlyList<SweepRecord> sweeps, string kind, string title, string path, CancellationToken ct)
    {
        string Series(SweepRecord sweep, string label) => sweeps.Count == 1 ? label : $"{sweep.Name}: {label}";
        if (kind == Layers)
        {
            var layers = new List<LayerPoint>();
            foreach (var sweep in sweeps)
                layers.AddRange((await store.GetLayerScoresAsync(sweep.Id, ct)).Select(s => new LayerPoint(Series(sweep, s.Label), s.Layer, s.Ps)));
            if (layers.Count == 0) return null;
            LayerPerceptualPlot.Save(layers, title + ": Perceptual Score per layer", path);
            return path;
        }

        var points = new List<PlotPoint>();
        foreach (var sweep in sweeps)
            points.AddRange((await store.GetScoredCheckpointsAsync(sweep.Id, ct)).Select(c => new PlotPoint(Series(sweep, c.Label), c.Epochs, c.Top1, c.Ps)));
        if (points.Count == 0) return null;
        if (kind == Training)
            TrainingPerceptualPlot.Save(points, title + ": Perceptual Score over training", path);
        else
            AccuracyPerceptualPlot.Save(points, title + ": top-1 vs Perceptual Score", path);
        return path;
    }

    private static string Describe(IReadOnlyList<SweepRecord> sweeps) =>
        sweeps.Count == 1 ? $"Sweep {sweeps[0].Id}" : "Sweeps " + string.Join(", ", sweeps.Select(sweep => sweep.Id));
}
