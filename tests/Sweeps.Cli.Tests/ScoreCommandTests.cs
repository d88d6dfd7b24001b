using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Training;

namespace Sweeps.Cli.Tests;

/// <summary><c>sweeps score</c> as a real process: against the worker's stored scores, on pixel
/// baselines, and on damaged input.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private const string Bapps = "data/demo/bapps/2afc/val";
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6)).Token;
    private readonly CliInstallation _installation = new();

    [Fact]
    public async Task Scoring_a_checkpoint_gives_exactly_the_rows_the_worker_stored_for_it_jnd_included()
    {
        WriteJndFolder("data/jnd/val", [1f, 0f, 0.5f, 1f, 0f, 0f, 1f, 0.5f]);
        var sweep = _installation.WriteSweep("one.yaml", """
            name: one
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 1, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 5 }
              score: { bapps: demo/bapps/2afc/val, jnd: jnd/val }
            """);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", sweep)).ExitCode);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "worker", "--until-idle")).ExitCode);
        var (checkpoint, stored) = await StoredScoresAsync();

        var score = await _installation.RunAsync(Timeout, "score", checkpoint, "--bapps", Bapps, "--val", "data/demo/imagenet64", "--jnd", "data/jnd/val", "--json");

        Assert.True(score.ExitCode == 0, score.Errors);
        var computed = ParseRows(score.Output);
        Assert.Contains(stored.Keys, key => key.Metric == "ps" && key.Category == "weighted_mean");
        Assert.Contains(stored.Keys, key => key.Metric == "top1");
        Assert.Contains(stored.Keys, key => key is { Metric: "jnd_map", Layer: "ensemble" });
        Assert.Equal(stored.Keys.Order(), computed.Keys.Order());
        Assert.All(stored, row => Assert.Equal(row.Value, computed[row.Key], 1e-9));
    }

    [Fact]
    public async Task The_table_output_shows_the_rows_of_the_json_output()
    {
        WriteJndFolder("data/jnd/val", [1f, 0f, 0.5f, 1f]);
        var checkpoint = Path.Combine(_installation.Root, "tiny.ckpt");
        WriteUntrainedCheckpoint(checkpoint);
        string[] arguments = ["score", checkpoint, "--bapps", Bapps, "--jnd", "data/jnd/val", "--layers", "stage1,stage4"];

        var json = await _installation.RunAsync(Timeout, [.. arguments, "--json"]);
        var table = await _installation.RunAsync(Timeout, arguments);

        Assert.True(json.ExitCode == 0 && table.ExitCode == 0, json.Errors + table.Errors);
        var rows = ParseRows(json.Output);
        Assert.Contains(rows.Keys, key => key is { Metric: "jnd_map", Layer: "stage4" });
        var lines = table.Output.Split('\n');
        Assert.All(rows, row => Assert.Contains(lines, line =>
        {
            var cells = line.Split('│', StringSplitOptions.TrimEntries);
            return cells.Length == 7 && (cells[1], cells[2], cells[3], cells[4]) == row.Key
                && cells[5] == row.Value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        }));
    }

    /// <summary>
    /// Undivided Gram matrices scale every distance of a layer by (H·W)², so each layer's 2AFC choices,
    /// and its PS, stay; the ensemble sums layers of different H·W and so weighs them differently.
    /// </summary>
    [Fact]
    public async Task Style_normalisation_none_keeps_every_layer_score_and_changes_the_ensemble()
    {
        var checkpoint = Path.Combine(_installation.Root, "tiny.ckpt");
        WriteUntrainedCheckpoint(checkpoint);
        string[] arguments = ["score", checkpoint, "--bapps", Bapps, "--functions", "style", "--json"];

        var divided = await _installation.RunAsync(Timeout, arguments);
        var undivided = await _installation.RunAsync(Timeout, [.. arguments, "--style-normalisation", "none"]);

        Assert.True(divided.ExitCode == 0 && undivided.ExitCode == 0, divided.Errors + undivided.Errors);
        var (hw, none) = (ParseRows(divided.Output), ParseRows(undivided.Output));
        Assert.Equal(hw.Keys.Order(), none.Keys.Order());
        var layerRows = hw.Keys.Where(key => key.Metric == "ps" && key.Layer.StartsWith("stage", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(layerRows);
        Assert.All(layerRows, key => Assert.Equal(hw[key], none[key], 1e-9));
        Assert.Contains(hw.Keys, key => key is { Metric: "ps", Layer: "ensemble" } && Math.Abs(hw[key] - none[key]) > 1e-6);
    }

    [Fact]
    public async Task The_l2_baseline_gives_a_row_per_category_and_their_plain_and_weighted_means()
    {
        var categories = Directory.GetDirectories(Path.Combine(_installation.Root, Bapps)).Select(folder => Path.GetFileName(folder)!).ToList();

        var score = await _installation.RunAsync(Timeout, "score", "--baseline", "l2", "--bapps", Bapps, "--json");

        Assert.True(score.ExitCode == 0, score.Errors);
        var rows = ParseRows(score.Output);
        Assert.All(rows.Keys, key => Assert.Equal(("ps", "l2", ""), (key.Metric, key.Function, key.Layer)));
        Assert.Equal(categories.Append("mean").Append("weighted_mean").Order(StringComparer.Ordinal),
            rows.Keys.Select(key => key.Category).Order(StringComparer.Ordinal));
        var perCategory = rows.Where(row => categories.Contains(row.Key.Category)).Select(row => row.Value).ToList();
        Assert.All(perCategory, value => Assert.InRange(value, 0, 100));
        // Every demo category holds the same number of triplets, so both means are the plain average.
        Assert.Equal(perCategory.Average(), rows[("ps", "l2", "", "mean")], 1e-9);
        Assert.Equal(perCategory.Average(), rows[("ps", "l2", "", "weighted_mean")], 1e-9);
    }

    [Fact]
    public async Task Baselines_with_a_jnd_folder_add_the_jnd_map_of_the_pixel_distances()
    {
        WriteJndFolder("data/jnd/val", [1f, 0f, 0.5f, 1f, 0f]);

        var score = await _installation.RunAsync(Timeout, "score", "--baseline", "l2", "--baseline", "human", "--bapps", Bapps, "--jnd", "data/jnd/val", "--json");

        Assert.True(score.ExitCode == 0, score.Errors);
        var rows = ParseRows(score.Output);
        Assert.Equal([("jnd_map", "l2", "", "demo"), ("jnd_map", "l2", "", "mean")], rows.Keys.Where(key => key.Metric == "jnd_map").Order());
        Assert.Equal(rows[("jnd_map", "l2", "", "demo")], rows[("jnd_map", "l2", "", "mean")]);
        Assert.InRange(rows[("jnd_map", "l2", "", "mean")], 0, 100);
        Assert.Contains(rows.Keys, key => key is { Metric: "ps", Function: "human" });
    }

    [Fact]
    public async Task A_truncated_checkpoint_fails_with_exit_code_1_and_names_the_file()
    {
        var path = Path.Combine(_installation.Root, "cut.ckpt");
        WriteUntrainedCheckpoint(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^1000]);

        var score = await _installation.RunAsync(Timeout, "score", "cut.ckpt", "--bapps", Bapps, "--json");

        Assert.Equal(1, score.ExitCode);
        Assert.Contains(path, score.Errors);
        Assert.Contains("truncated", score.Errors);
        Assert.Equal("", score.Output);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_bapps_split_fails_with_exit_code_1_and_names_it()
    {
        var score = await _installation.RunAsync(Timeout, "score", "--baseline", "l2", "--bapps", "data/demo/imagenet64", "--json");

        Assert.Equal(1, score.ExitCode);
        Assert.Contains(Path.Combine(_installation.Root, "data/demo/imagenet64"), score.Errors);
        Assert.Equal("", score.Output);
    }

    /// <summary>The only checkpoint's path and its score rows, keyed as stored (absent qualifiers are "").</summary>
    private async Task<(string Checkpoint, Dictionary<(string Metric, string Function, string Layer, string Category), double> Rows)> StoredScoresAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_installation.DatabaseFile}");
        await connection.OpenAsync(Timeout);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.Path, s.Metric, s.Function, s.Layer, s.Category, s.Value
            FROM Scores s JOIN Checkpoints c ON c.Id = s.CheckpointId
            """;
        var paths = new HashSet<string>();
        var rows = new Dictionary<(string, string, string, string), double>();
        await using var reader = await command.ExecuteReaderAsync(Timeout);
        while (await reader.ReadAsync(Timeout))
        {
            paths.Add(reader.GetString(0));
            rows.Add((reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)), reader.GetDouble(5));
        }
        return (Assert.Single(paths), rows);
    }

    private static Dictionary<(string Metric, string Function, string Layer, string Category), double> ParseRows(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(
            row => (row.GetProperty("metric").GetString()!, Text(row, "function"), Text(row, "layer"), Text(row, "category")),
            row => row.GetProperty("value").GetDouble());
    }

    private static string Text(JsonElement row, string name) => row.GetProperty(name).GetString() ?? "";

    /// <summary>A self-describing checkpoint of an untrained ResNet-6 (width 1/8, 4 classes).</summary>
    private static void WriteUntrainedCheckpoint(string path)
    {
        var config = new TrialConfig { Model = new ModelConfig { Depth = 6, Width = 0.125 } };
        // Seeded, so that every run scores the same weights (whether two ensembles differ depends on them).
        FeatureClassifier model;
        lock (ModelFactory.GlobalGenerator)
        {
            TorchSharp.torch.random.manual_seed(11);
            model = ModelFactory.Create(config, 4);
        }
        using var owned = model;
        using var optimizer = NesterovSgd.Create(model, config.Train, 0.1);
        CheckpointFile.Write(path, new CheckpointState(1, 12, config.Hash(), 0, 1.0, config.ToJson(), 4), model, optimizer);
    }

    /// <summary>A BAPPS-layout JND split of one category: pairs made of the first demo 2AFC category's
    /// p0 and p1 images, with the given fractions of raters who called them the same.</summary>
    private void WriteJndFolder(string split, float[] same)
    {
        var source = Directory.GetDirectories(Path.Combine(_installation.Root, Bapps)).Order(StringComparer.Ordinal).First();
        var category = Path.Combine(_installation.Root, split, "demo");
        foreach (var part in new[] { "p0", "p1", "same" })
            Directory.CreateDirectory(Path.Combine(category, part));
        for (int row = 0; row < same.Length; row++)
        {
            var file = $"{row:D6}";
            foreach (var part in new[] { "p0", "p1" })
                File.Copy(Path.Combine(source, part, file + ".png"), Path.Combine(category, part, file + ".png"));
            using var fraction = File.Create(Path.Combine(category, "same", file + ".npy"));
            NpyFormat.Write(fraction, NpyArray.FromFloat32([same[row]]));
        }
    }

    public void Dispose() => _installation.Dispose();
}
