using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Storage.Tests;

namespace Sweeps.Reports.Tests;

public sealed class StudyTableTests
{
    [SkippableTheory, BothProviders]
    public async Task Table_1_gives_the_default_the_best_and_the_improvement_worked_out_by_hand(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database);
        var study = await new StudyReader(database.OpenCatalog(), database.OpenResults()).ReadAsync([SmallStudy.Describe(sweep)], CancellationToken.None);

        var table = StudyTable.Compute(study);

        // Best checkpoints' PS: width 0.5 -> 70, 72 (mean 71); width 1 (the default) -> 68, 69 (68.5); width 2 -> 66, 65 (65.5).
        Assert.Equal([new StudyTableRow("ResNet-6", "model.width", 1, 68.5, 0.5, 71, 2.5, 6)], table);
        Assert.Contains("| ResNet-6 | model.width | 1 | 68.50 | 0.5 | 71.00 | +2.50 | 6 |", StudyTable.Markdown(table));
        Assert.Equal(
            "architecture,hyperparameter,default,PS at default (%),best value,best PS (%),improvement (points),trials\n" +
            "ResNet-6,model.width,1,68.50,0.5,71.00,+2.50,6\n",
            StudyTable.Csv(table));
        Assert.Contains("<td>ResNet-6</td><td>model.width</td><td>1</td><td>68.50</td><td>0.5</td><td>71.00</td><td>+2.50</td><td>6</td>", StudyTable.Html(table));
    }

    [SkippableTheory, BothProviders]
    public async Task Each_value_gives_the_mean_and_standard_error_over_seeds_of_the_best_checkpoints(DatabaseProvider provider)
    {
        await using var database = await TempDatabase.MigratedAsync(provider);
        var sweep = await SmallStudy.StoreAsync(database);
        var study = await new StudyReader(database.OpenCatalog(), database.OpenResults()).ReadAsync([SmallStudy.Describe(sweep)], CancellationToken.None);

        // The seed only counts repeats, so it is no hyperparameter.
        Assert.Equal(["model.width"], StudyAnalysis.SweptParameters(study[0]));
        // PS 70, 72: mean 71, sample sd sqrt(2), standard error sqrt(2)/sqrt(2) = 1. Top-1 of those checkpoints: 30, 41.
        var effect = StudyAnalysis.Effect(study[0], "model.width", CheckpointMetrics.Ps);
        Assert.Equal("", Assert.Single(effect).Others);
        Assert.Equal(
            [new HyperparameterPointOf(0.5, 71, 1, 2), new(1, 68.5, 0.5, 2), new(2, 65.5, 0.5, 2)],
            effect[0].Points.Select(HyperparameterPointOf.From));
        Assert.Equal(35.5, StudyAnalysis.Effect(study[0], "model.width", CheckpointMetrics.Top1)[0].Points[0].Mean);
        Assert.Equal(1, StudyAnalysis.DefaultOf(study[0], "model.width"));
    }

    [Fact]
    public void A_default_that_was_not_swept_leaves_the_improvement_empty()
    {
        var row = new StudyTableRow("ResNet-6", "train.weight_decay", 0.0001, null, 0.001, 70.25, null, 4);

        Assert.Contains("| ResNet-6 | train.weight_decay | 0.0001 | - | 0.001 | 70.25 | - | 4 |", StudyTable.Markdown([row]));
    }

    /// <summary>The point with its standard error rounded, so that hand-computed square roots compare.</summary>
    internal sealed record HyperparameterPointOf(double Value, double Mean, double? StandardError, int Count)
    {
        public static HyperparameterPointOf From(Plots.HyperparameterPoint p) =>
            new(p.Value, p.Mean, p.StandardError is double e ? Math.Round(e, 12) : null, p.Count);
    }
}
