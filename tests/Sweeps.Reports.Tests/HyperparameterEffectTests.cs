using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Storage.Tests;
using HyperparameterPointOf = Sweeps.Reports.Tests.StudyTableTests.HyperparameterPointOf;

namespace Sweeps.Reports.Tests;

/// <summary>Two swept hyperparameters with two seeds each: every line of a hyperparameter figure is one setting
/// of the other, and its error bars spread over seeds only.</summary>
public sealed class HyperparameterEffectTests
{
    private const string Yaml = """
        name: width-decay
        method: grid
        repeats: 2
        base:
          model: { family: resnet, depth: 6 }
          data: { train: imagenet64, val: imagenet64 }
          train: { epochs: 2, batch_size: 32, seed: 0, weight_decay: 0.0001 }
          score: { bapps: bapps/2afc/val }
        parameters:
          model.width:
            values: [0.5, 1]
          train.weight_decay:
            values: [0.0001, 0.001]
        """;

    /// <summary>One checkpoint (top-1, PS) per trial in sweep order (width slowest, then decay, then seed); the last
    /// trial (width 1, decay 0.001, seed 1) is not scored yet.</summary>
    private static readonly (double Top1, double Ps)[][] Checkpoints =
    [
        [(40, 70)], [(44, 74)], // width 0.5, decay 0.0001
        [(30, 60)], [(31, 61)], // width 0.5, decay 0.001
        [(50, 66)], [(52, 68)], // width 1, decay 0.0001
        [(45, 58)], [],         // width 1, decay 0.001
    ];

    [SkippableTheory, BothProviders]
    public async Task Each_line_is_one_setting_of_the_other_values_with_the_standard_error_over_its_seeds(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database, Yaml, Checkpoints);
        var study = await new StudyReader(database.OpenCatalog(), database.OpenResults()).ReadAsync([SmallStudy.Describe(sweep)], CancellationToken.None);

        var width = StudyAnalysis.Effect(study[0], "model.width", CheckpointMetrics.Ps);
        var decay = StudyAnalysis.Effect(study[0], "train.weight_decay", CheckpointMetrics.Ps);

        Assert.Equal(["model.width", "train.weight_decay"], StudyAnalysis.SweptParameters(study[0]));
        // Two seeds a and b: mean (a+b)/2, sample sd |a-b|/sqrt(2), standard error |a-b|/2. PS 70, 74: 72 ± 2; 60, 61: 60.5 ± 0.5;
        // 66, 68: 67 ± 1; 58 alone: no error. Pooling decays as well would have given width 0.5 a mean of 66.25.
        Assert.Equal(["train.weight_decay=0.0001", "train.weight_decay=0.001"], width.Select(line => line.Others));
        Assert.Equal([new HyperparameterPointOf(0.5, 72, 2, 2), new(1, 67, 1, 2)], width[0].Points.Select(HyperparameterPointOf.From));
        Assert.Equal([new HyperparameterPointOf(0.5, 60.5, 0.5, 2), new(1, 58, null, 1)], width[1].Points.Select(HyperparameterPointOf.From));
        Assert.Equal(["model.width=0.5", "model.width=1"], decay.Select(line => line.Others));
        Assert.Equal([new HyperparameterPointOf(0.0001, 72, 2, 2), new(0.001, 60.5, 0.5, 2)], decay[0].Points.Select(HyperparameterPointOf.From));
        Assert.Equal([new HyperparameterPointOf(0.0001, 67, 1, 2), new(0.001, 58, null, 1)], decay[1].Points.Select(HyperparameterPointOf.From));
        // Top-1 of the same checkpoints: 40, 44 -> 42 ± 2.
        Assert.Equal(new HyperparameterPointOf(0.5, 42, 2, 2),
            HyperparameterPointOf.From(StudyAnalysis.Effect(study[0], "model.width", CheckpointMetrics.Top1)[0].Points[0]));
    }

    [SkippableTheory, BothProviders]
    public async Task The_figure_draws_one_named_line_per_setting_and_no_bar_where_one_trial_is_at_a_value(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database, Yaml, Checkpoints);
        var study = await new StudyReader(database.OpenCatalog(), database.OpenResults()).ReadAsync([SmallStudy.Describe(sweep)], CancellationToken.None);

        var figure = SweepFigures.HyperparameterFigures(study).Single(f => f.Id == "model.width-ps");

        var lines = figure.Plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(["train.weight_decay=0.0001", "train.weight_decay=0.001"], lines.Select(line => line.LegendText));
        Assert.Equal([new ScottPlot.Coordinates(0.5, 72), new(1, 67)], lines[0].Data.GetScatterPoints());
        Assert.Equal([new ScottPlot.Coordinates(0.5, 60.5), new(1, 58)], lines[1].Data.GetScatterPoints());
        var bars = figure.Plot.GetPlottables<ScottPlot.Plottables.ErrorBar>().ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal([(0.5, 72.0, 2.0), (1, 67, 1)], bars[0].Xs.Zip(bars[0].Ys, bars[0].YErrorPositive!).Select(b => (b.First, b.Second, b.Third)));
        // Width 1 at decay 0.001 has one scored trial: its line has a point there but no bar.
        Assert.Equal([(0.5, 60.5, 0.5)], bars[1].Xs.Zip(bars[1].Ys, bars[1].YErrorPositive!).Select(b => (b.First, b.Second, b.Third)));
        Assert.Contains("One line per setting of the other swept values", figure.Caption);
        Assert.Contains("differ only in their seed", figure.Caption);
        Assert.Contains("mean ± s.e. over seeds", figure.Plot.Axes.Left.Label.Text);

        var csv = CsvReader.Parse(await WriteHyperparametersCsvAsync(database, sweep));
        Assert.Equal(["sweep", "parameter", "value", "is_default", "metric", "mean", "standard_error", "trials", "other_swept_values"], csv[0]);
        Assert.Contains(["width-decay", "model.width", "1", "true", "ps", "58", "", "1", "train.weight_decay=0.001"], csv);
        Assert.Contains(["width-decay", "train.weight_decay", "0.0001", "true", "ps", "72", "2", "2", "model.width=0.5"], csv);
    }

    private static async Task<string> WriteHyperparametersCsvAsync(TempDatabase database, SweepRecord sweep)
    {
        using var temp = new TempFolder();
        await new StudyReport(new StudyReader(database.OpenCatalog(), database.OpenResults()), database.Clock)
            .WriteAsync([SmallStudy.Describe(sweep)], temp.Path, CancellationToken.None);
        return await File.ReadAllTextAsync(Path.Combine(temp.Path, "data", "hyperparameters.csv"));
    }
}
