using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Sweeps.Data;
using Sweeps.Evaluation;
using Sweeps.Orchestration;
using Sweeps.Scoring;
using Sweeps.Spec;
using Sweeps.Training;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Scores one saved checkpoint outside a sweep, or the pixel baselines of a BAPPS folder. A checkpoint
/// is scored through the worker's <see cref="CheckpointScoring"/>, so its rows equal the stored ones.
/// </summary>
public static class ScoreCommand
{
    private static readonly JsonSerializerOptions RowJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create()
    {
        var checkpoint = new Argument<string?>("checkpoint") { Description = "Checkpoint file (.ckpt) to score", Arity = ArgumentArity.ZeroOrOne };
        var bapps = new Option<string>("--bapps") { Description = "BAPPS 2AFC split folder (raw or prepared)", Required = true };
        var val = new Option<string?>("--val")
        {
            Description = "Validation images for top-1/top-5/loss, labelled like the trial's training set (its recorded data.train under DataRoot); default: no classification rows",
        };
        var jnd = new Option<string?>("--jnd") { Description = "BAPPS JND split folder; default: no JND rows" };
        var functions = NameList("--functions", "Perceptual functions (lpips, meanpool, style); default: the checkpoint's score.functions");
        var layers = NameList("--layers", "Extraction layers; default: the checkpoint's score.layers");
        var categories = NameList("--categories", "2AFC categories; default: the checkpoint's score.categories (baselines: all)");
        var styleNormalisation = new Option<string?>("--style-normalisation")
        {
            Description = "The style function's Gram matrix divided by H·W (hw) or not (none); default: the checkpoint's score.style_normalisation",
        };
        styleNormalisation.AcceptOnlyFromAmong(ScoreConfig.PositionsStyleNormalisation, ScoreConfig.NoStyleNormalisation);
        var baselines = NameList("--baseline", $"Score pixel baselines instead of a checkpoint: {string.Join(", ", PixelBaselines.Names)}");
        var json = new Option<bool>("--json") { Description = "Print the rows as a JSON array (nothing else on standard output)" };
        var command = new Command("score", "Score a saved checkpoint (top-1, PS, JND) or the pixel baselines of a BAPPS folder")
        {
            checkpoint, bapps, val, jnd, functions, layers, categories, styleNormalisation, baselines, json,
        };
        command.Validators.Add(result =>
        {
            bool hasCheckpoint = result.GetValue(checkpoint) is not null, hasBaselines = result.GetValue(baselines) is { Length: > 0 };
            if (hasCheckpoint == hasBaselines)
                result.AddError("Give either a CHECKPOINT or --baseline, not both or neither.");
        });
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct, migrate: false);
            bool asJson = result.GetValue(json);
            var selection = new ScoreSelection(Names(result, functions), Names(result, layers), Names(result, categories))
            {
                StyleNormalisation = result.GetValue(styleNormalisation),
            };
            try
            {
                var path = result.GetValue(checkpoint);
                var rows = path is null
                    ? ScoreBaselines(Path.GetFullPath(result.GetValue(bapps)!), result.GetValue(jnd), Names(result, baselines), selection)
                    : Scoring(services, asJson).ScoreSavedCheckpoint(
                        Path.GetFullPath(path), Path.GetFullPath(result.GetValue(bapps)!), FullPathOrNull(result.GetValue(val)),
                        FullPathOrNull(result.GetValue(jnd)), selection);
                if (asJson)
                    Console.WriteLine(JsonSerializer.Serialize(rows, RowJson));
                else
                    AnsiConsole.Write(Table(rows, path ?? result.GetValue(bapps)!));
                return 0;
            }
            catch (Exception exception) when (exception is InvalidCheckpointException or DataFormatException or ArgumentException or IOException)
            {
                Console.Error.WriteLine(exception.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>The worker's pipeline; with <c>--json</c> the data catalogue logs nothing, as standard output holds only the rows.</summary>
    private static CheckpointScoring Scoring(IServiceProvider services, bool asJson)
    {
        var options = services.GetRequiredService<IOptions<SweepsOptions>>();
        var logger = asJson ? NullLogger<DataCatalog>.Instance : services.GetRequiredService<ILogger<DataCatalog>>();
        return new CheckpointScoring(new DataCatalog(options, logger), options);
    }

    /// <summary>Folders given on the command line resolve against the current directory, not DataRoot.</summary>
    private static string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path);

    /// <summary>The baselines' 2AFC rows, then, with a JND folder, the JND mAP of the pixel distances among them.</summary>
    private static IReadOnlyList<ScoreRow> ScoreBaselines(string bapps, string? jnd, IReadOnlyList<string> baselines, ScoreSelection selection)
    {
        var rows = PixelBaselines.Score(selection.Filter(ImageDataset.ReadTwoAfc(bapps)), baselines).ToList();
        if (jnd is not null)
        {
            var pixelBaselines = (baselines.Count == 0 ? PixelBaselines.Names : baselines).Where(name => name != PixelBaselines.Human).ToList();
            if (pixelBaselines.Count > 0)
                rows.AddRange(PixelBaselines.ScoreJnd(ImageDataset.ReadJnd(Path.GetFullPath(jnd)).Categories, pixelBaselines));
        }
        return rows;
    }

    private static Table Table(IReadOnlyList<ScoreRow> rows, string source)
    {
        var table = new Table().Title(Markup.Escape(source)).AddColumns("metric", "function", "layer", "category", "value");
        foreach (var row in rows)
            table.AddRow(
                Markup.Escape(row.Metric), Markup.Escape(row.Function ?? ""), Markup.Escape(row.Layer ?? ""), Markup.Escape(row.Category ?? ""),
                row.Value.ToString("F4", CultureInfo.InvariantCulture));
        return table;
    }

    /// <summary>A list option taking names comma-separated, space-separated or repeated.</summary>
    private static Option<string[]> NameList(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = true };

    private static List<string> Names(ParseResult result, Option<string[]> option) =>
        (result.GetValue(option) ?? []).SelectMany(value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
}
