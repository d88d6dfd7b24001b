using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sweeps.Storage;
using Sweeps.Storage.Tests;

namespace Sweeps.Reports.Tests;

public sealed class ResultsExportTests
{
    [SkippableTheory, BothProviders]
    public async Task The_csv_has_one_row_per_stored_score_with_the_swept_values_as_columns_and_reads_back_as_the_database_rows(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database);
        using var output = new MemoryStream();

        long written = await Export(database).WriteAsync([sweep], ResultsExport.Csv, output, CancellationToken.None);

        var rows = CsvReader.Parse(Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(
            ["sweep", "trial_id", "trial_index", "trial", "state", "model.width", "train.seed", "checkpoint_id", "step", "epoch", "epochs",
             "images_trained", "is_best_checkpoint", "metric", "function", "layer", "category", "value"],
            rows[0]);
        var db = database.OpenContext();
        var stored = await db.Scores.AsNoTracking()
            .Join(db.Checkpoints, s => s.CheckpointId, c => c.Id, (s, c) => new { s, c })
            .Join(db.Trials, x => x.c.TrialId, t => t.Id, (x, t) => new { x.s, x.c, t })
            .ToListAsync();
        Assert.Equal(6 * 2 * 5, written);
        Assert.Equal(stored.Count + 1, rows.Count);
        // The sweep file's grid: widths 0.5, 1, 2, each with seeds 0 and 1.
        double[] widths = [0.5, 0.5, 1, 1, 2, 2];
        var expected = stored.Select(x =>
        {
            return string.Join('|', "width-study", x.t.Id, x.t.Index, x.t.Label, x.t.State,
                widths[x.t.Index].ToString(CultureInfo.InvariantCulture), x.t.Index % 2, x.c.Id, x.c.Step,
                x.c.Epoch, x.c.EpochFraction.ToString(CultureInfo.InvariantCulture), x.c.Step * SmallStudy.BatchSize,
                x.c.Id == x.t.BestCheckpointId ? "true" : "false", x.s.Metric, x.s.Function, x.s.Layer, x.s.Category,
                x.s.Value.ToString(CultureInfo.InvariantCulture));
        }).Order();
        Assert.Equal(expected, rows.Skip(1).Select(row => string.Join('|', row)).Order());
        // Hand check of one row: trial 0 (width 0.5, seed 0), its first checkpoint (its best: PS 70), headline PS.
        Assert.Contains(rows, row => row[3] == "model.width=0.5 train.seed=0" && row[5] == "0.5" && row[6] == "0" && row[8] == "100"
            && row[11] == "3200" && row[12] == "true" && row[13] == "ps" && row[14] == "lpips" && row[15] == "ensemble" && row[16] == "mean" && row[17] == "70");
        Assert.Equal(6 * 5, rows.Count(row => row[12] == "true"));
    }

    [Fact]
    public async Task An_export_to_a_file_that_fails_leaves_the_previous_file_whole_and_one_that_succeeds_replaces_it()
    {
        await using var database = await TempDatabase.MigratedAsync(DatabaseProvider.Sqlite);
        var sweep = await SmallStudy.StoreAsync(database);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "results.csv");
        await File.WriteAllTextAsync(path, "the previous export\n");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Export(database).WriteFileAsync([sweep], ResultsExport.Csv, path, new CancellationToken(canceled: true)));

        Assert.Equal("the previous export\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));

        long written = await Export(database).WriteFileAsync([sweep], ResultsExport.Csv, path, CancellationToken.None);

        Assert.Equal(6 * 2 * 5, written);
        Assert.Equal(written + 1, CsvReader.Parse(await File.ReadAllTextAsync(path)).Count);
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [SkippableTheory, BothProviders]
    public async Task The_json_is_an_array_of_objects_with_numbers_as_numbers(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database);
        using var output = new MemoryStream();

        await Export(database).WriteAsync([sweep], ResultsExport.Json, output, CancellationToken.None);

        using var json = JsonDocument.Parse(output.ToArray());
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(60, rows.Count);
        var best = rows.Single(r => r.GetProperty("trial").GetString() == "model.width=2 train.seed=1" && r.GetProperty("is_best_checkpoint").GetBoolean()
            && r.GetProperty("metric").GetString() == "top1");
        Assert.Equal(2, best.GetProperty("model.width").GetDouble());
        Assert.Equal(200, best.GetProperty("step").GetInt64());
        Assert.Equal(6400, best.GetProperty("images_trained").GetInt64());
        Assert.Equal(52, best.GetProperty("value").GetDouble());
        Assert.Equal("Running", best.GetProperty("state").GetString());
    }

    [Fact]
    public void Csv_fields_are_quoted_only_when_they_must_be()
    {
        var text = CsvText.Of(["a", "b"], [["x,y", "say \"hi\""], ["plain", "two\nlines"]]);

        Assert.Equal("a,b\n\"x,y\",\"say \"\"hi\"\"\"\nplain,\"two\nlines\"\n", text);
        Assert.Equal([["a", "b"], ["x,y", "say \"hi\""], ["plain", "two\nlines"]], CsvReader.Parse(text));
    }

    [SkippableTheory, BothProviders]
    public async Task Swept_values_keep_the_types_the_sweep_file_gives_them(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        // Text, a boolean and a list: labels would read "data.crop=central model.skip=false train.decay_at=[0.5, 0.75]".
        var sweep = await SmallStudy.StoreAsync(database, """
            name: typed
            base:
              model: { family: resnet, depth: 6 }
              data: { train: imagenet64, val: imagenet64 }
              train: { epochs: 2, batch_size: 32 }
              score: { bapps: bapps/2afc/val }
            parameters:
              data.crop:
                values: [random, central]
              model.skip:
                values: [true, false]
              train.decay_at:
                values: [[0.5, 0.75]]
            """, [[(30, 70)], [(31, 71)], [(32, 72)], [(33, 73)]]);
        using var json = new MemoryStream();
        using var csv = new MemoryStream();

        await Export(database).WriteAsync([sweep], ResultsExport.Json, json, CancellationToken.None);
        await Export(database).WriteAsync([sweep], ResultsExport.Csv, csv, CancellationToken.None);

        using var document = JsonDocument.Parse(json.ToArray());
        var last = document.RootElement.EnumerateArray().Last();
        Assert.Equal("data.crop=central model.skip=false train.decay_at=[0.5, 0.75]", last.GetProperty("trial").GetString());
        Assert.Equal("central", last.GetProperty("data.crop").GetString());
        Assert.Equal(JsonValueKind.False, last.GetProperty("model.skip").ValueKind);
        Assert.Equal([0.5, 0.75], last.GetProperty("train.decay_at").EnumerateArray().Select(e => e.GetDouble()));
        var rows = CsvReader.Parse(Encoding.UTF8.GetString(csv.ToArray()));
        Assert.Equal(["data.crop", "model.skip", "train.decay_at"], rows[0][5..8]);
        Assert.Equal(["central", "false", "[0.5,0.75]"], rows[^1][5..8]);
    }

    [SkippableTheory, BothProviders]
    public async Task A_stored_trial_its_file_now_expands_differently_shows_the_value_it_was_trained_with(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var definition = Spec.SweepFile.Parse(SmallStudy.Yaml, "width-study.yaml");
        // The first trial stored as if an older version had expanded the file to width 3 (a default since changed).
        var stored = definition.Trials.Select((t, i) => i == 0 ? t.Config with { Model = t.Config.Model with { Width = 3 } } : t.Config)
            .Select((config, i) => new NewTrial(definition.Trials[i].Label, config.ToJson(), config.Hash())).ToList();
        var sweep = await database.OpenCatalog().AddSweepAsync("width-study", SmallStudy.Yaml, stored, force: false, CancellationToken.None);

        var members = await new StudyReader(database.OpenCatalog(), database.OpenResults()).ReadMembersAsync(sweep, CancellationToken.None);

        var widths = members.Trials.Select(t => members.Swept[t.TrialId].Single(v => v.Path == "model.width")).ToList();
        Assert.Equal([3.0, 0.5, 1, 1, 2, 2], widths.Select(v => v.Number!.Value));
        Assert.Equal("3", widths[0].Text);
    }

    private static ResultsExport Export(TempDatabase database) =>
        new(new StudyReader(database.OpenCatalog(), database.OpenResults()), database.OpenResults());
}
