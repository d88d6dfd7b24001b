using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sweeps.Orchestration;
using Sweeps.Plots;
using Sweeps.Reports;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary>
/// One figure of one sweep, or of several compared on one set of axes (series named by sweep and trial),
/// drawn by the report's figure code (<see cref="SweepFigures"/>).
/// </summary>
public static class PlotCommand
{
    public static readonly string[] Kinds = [SweepFigures.AccuracyPs, SweepFigures.Training, SweepFigures.Layers];

    public static Command Create()
    {
        var sweeps = new Argument<string[]>("sweep") { Description = "Sweep ids or names; two or more are drawn together", Arity = ArgumentArity.OneOrMore };
        var kind = new Option<string>("--kind")
        {
            Description = $"{SweepFigures.AccuracyPs}: top-1 against PS per checkpoint, with the fitted inverted U, reference lines and Pareto front; " +
                $"{SweepFigures.Training}: PS over epochs; {SweepFigures.Layers}: PS per layer of each trial's best checkpoint",
            DefaultValueFactory = _ => SweepFigures.AccuracyPs,
        };
        kind.AcceptOnlyFromAmong(Kinds);
        var output = new Option<FileInfo?>("--out") { Description = "PNG to write (default: sweep-<ids>-<kind>.png in the PlotRoot setting)" };
        var command = new Command("plot", "Plot a sweep's scored checkpoints (accuracy against PS, PS over training, PS per layer), or compare sweeps; each trial's best checkpoint is marked")
        {
            sweeps, kind, output,
        };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var records = await SweepArguments.FindAsync(scope.ServiceProvider.GetRequiredService<SweepCatalog>(), result.GetValue(sweeps)!, ct);
            if (records is null) return 1;
            var plotRoot = services.GetRequiredService<IOptions<SweepsOptions>>().Value.PlotRoot;
            var chosen = result.GetValue(kind)!;
            var path = await SaveAsync(scope.ServiceProvider, records, chosen, result.GetValue(output)?.FullName ?? DefaultPath(plotRoot, records, chosen), ct);
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

    /// <summary>Writes one figure of <paramref name="sweeps"/> as a PNG; null when none of them has a scored checkpoint.</summary>
    public static async Task<string?> SaveAsync(IServiceProvider scope, IReadOnlyList<SweepRecord> sweeps, string kind, string path, CancellationToken ct)
    {
        var study = await ReportSweeps.ReadAsync(scope, sweeps, ct);
        var figure = kind switch
        {
            SweepFigures.Layers => SweepFigures.LayersFigure(study),
            SweepFigures.Training => SweepFigures.TrainingFigure(study),
            _ => SweepFigures.AccuracyPsFigure(study, overlays: true),
        };
        if (figure is null) return null;
        FigureStyle.SavePng(figure.Plot, path, figure.Width, figure.Height);
        return path;
    }

    private static string Describe(IReadOnlyList<SweepRecord> sweeps) =>
        sweeps.Count == 1 ? $"Sweep {sweeps[0].Id}" : "Sweeps " + string.Join(", ", sweeps.Select(sweep => sweep.Id));
}
