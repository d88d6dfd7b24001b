using System.Globalization;
using ScottPlot;
using Sweeps.EarlyStopping;
using Sweeps.Plots;
using Sweeps.Spec;

namespace Sweeps.Reports;

/// <summary>
/// <c>sweeps replay --plot</c>: the anytime curves of one or more rules replayed over one sweep, with the full
/// sweep for reference (<see cref="AnytimePlot"/>). Every number drawn is the replay's own, the same the tables print.
/// </summary>
public static class ReplayFigure
{
    public const string Id = "replay";

    /// <param name="rules">Each rule's legend name (e.g. <c>hyperband-eta3.yaml (hyperband)</c>) and its replay of the same sweep.</param>
    /// <exception cref="ArgumentException">No rules, or replays by different metrics (their full sweeps differ).</exception>
    public static Figure Create(IReadOnlyList<(string Name, ReplayResult Replay)> rules, string sweepName)
    {
        if (rules.Count == 0) throw new ArgumentException("There are no replays to draw.", nameof(rules));
        var objectives = rules.Select(rule => rule.Replay.Objective).Distinct().ToList();
        if (objectives.Count > 1)
            throw new ArgumentException("One figure needs every rule replayed by the same metric; these use " +
                string.Join(", ", rules.Select(rule => $"{rule.Name}: {Describe(rule.Replay.Objective)}")) + ".", nameof(rules));
        var objective = objectives[0];
        var full = rules[0].Replay;
        var reference = new AnytimeSeries("full sweep (no rule)", Points(full.InFull), $"100% compute, best {Number(full.BestInFull)}");
        var lines = rules.Select(rule => new AnytimeSeries(rule.Name, Points(rule.Replay.UnderRule),
            $"{Number(100 * rule.Replay.ComputeFraction)}% compute, gap {Number(rule.Replay.Gap)}")).ToList();
        var plot = AnytimePlot.Create(lines, reference, $"{sweepName}: best {objective.Name} found against compute, by rule", AxisTitle(objective));
        return new Figure(Id,
            $"The best {Describe(objective)} found so far against the training images used so far, as the trials run in the order they ran, " +
            "one step line per replayed rule and the full sweep dashed; each end is labelled with the rule's compute and its gap to the full sweep's best.",
            plot);
    }

    /// <summary>Draws <see cref="Create"/> as <paramref name="pngPath"/> and an SVG of the same name beside it; returns both paths.</summary>
    public static (string Png, string Svg) Save(IReadOnlyList<(string Name, ReplayResult Replay)> rules, string sweepName, string pngPath)
    {
        var figure = Create(rules, sweepName);
        var svgPath = Path.ChangeExtension(pngPath, ".svg");
        FigureStyle.SavePng(figure.Plot, pngPath, figure.Width, figure.Height);
        FigureStyle.SaveSvg(figure.Plot, svgPath, figure.Width, figure.Height);
        return (pngPath, svgPath);
    }

    /// <summary>The y axis title: the metric with its unit where the study knows it, and its goal.</summary>
    public static string AxisTitle(SweepMetric objective) => objective.Name switch
    {
        CheckpointMetrics.Ps => "Best " + AccuracyPerceptualPlot.PerceptualAxisTitle,
        CheckpointMetrics.Top1 => "Best top-1 accuracy (%)",
        CheckpointMetrics.Top5 => "Best top-5 accuracy (%)",
        CheckpointMetrics.Loss => "Best validation loss (mean cross-entropy)",
        _ => $"Best {objective.Name}",
    } + $" so far ({objective.Goal.ToString().ToLowerInvariant()})";

    private static List<Coordinates> Points(IReadOnlyList<AnytimePoint> curve) =>
        curve.Select(point => new Coordinates(100 * point.ComputeFraction, point.Best)).ToList();

    private static string Describe(SweepMetric objective) => $"{objective.Name} ({objective.Goal.ToString().ToLowerInvariant()})";

    /// <summary>As the replay's table prints it.</summary>
    private static string Number(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
