using ScottPlot;
using Sweeps.Plots;
using Sweeps.Spec;

namespace Sweeps.Reports;

/// <summary>A figure and the size it is drawn at (the height grows with a long legend).</summary>
public sealed record Figure(string Id, string Caption, Plot Plot, int Width = 1000, int Height = 700);

/// <summary>
/// The study's figures of one or more sweeps, drawn by Sweeps.Plots; <c>sweeps plot</c> and <c>sweeps report</c>
/// both draw them here. Two or more sweeps share the axes, series named <c>sweep: trial</c>. Where one value
/// per trial is shown it is the trial's best checkpoint's, and the caption says by which metric.
/// </summary>
public static class SweepFigures
{
    public const string AccuracyPs = "accuracy-ps";
    public const string Training = "training";
    public const string Layers = "layers";
    public const string Categories = "categories";
    public const string Functions = "functions";

    /// <summary>The sweeps' names (each with its id), and "synthetic demo data" when any of them rests on it.</summary>
    public static string Title(IReadOnlyList<SweepResults> sweeps) =>
        sweeps.Count == 1 ? sweeps[0].Sweep.Title
            : string.Join(" vs ", sweeps.Select(s => s.Name)) + (sweeps.Any(s => s.Sweep.Synthetic) ? ", synthetic demo data" : "");

    /// <summary>The metric(s) the trials' best checkpoints are chosen by, e.g. <c>ps</c>.</summary>
    public static string BestBy(IReadOnlyList<SweepResults> sweeps) => string.Join(" / ", sweeps.Select(s => s.BestBy.Name).Distinct());

    /// <summary>The report's figures in its order: top-1 against PS with every overlay, the hyperparameters' effects,
    /// PS over training, per layer, category and function; the ones with nothing to draw yet left out.</summary>
    public static IReadOnlyList<Figure> Report(IReadOnlyList<SweepResults> sweeps)
    {
        Figure?[] single = [AccuracyPsFigure(sweeps, overlays: true)];
        return single.Concat(HyperparameterFigures(sweeps))
            .Concat([TrainingFigure(sweeps), LayersFigure(sweeps), CategoriesFigure(sweeps), FunctionsFigure(sweeps)])
            .OfType<Figure>().ToList();
    }

    /// <summary>Top-1 against PS of every scored checkpoint; with <paramref name="overlays"/>, the quadratic fit and
    /// its peak, the reference lines of the BAPPS folders (category means) and the Pareto front. Null when nothing is scored.</summary>
    public static Figure? AccuracyPsFigure(IReadOnlyList<SweepResults> sweeps, bool overlays)
    {
        var points = PlotPoints(sweeps);
        if (points.Count == 0) return null;
        AccuracyOverlays? drawn = null;
        if (overlays)
        {
            var pairs = points.Select(p => (p.Top1, p.Ps)).ToList();
            drawn = new AccuracyOverlays(StudyAnalysis.FitInvertedU(pairs), ReferenceLines(sweeps), StudyAnalysis.ParetoFront(pairs));
        }
        return new Figure(AccuracyPs, $"Top-1 accuracy against Perceptual Score for every scored checkpoint, one colour per trial, joined in training order; the large ringed marker is each trial's best checkpoint by {BestBy(sweeps)}." + Unnamed(points),
            AccuracyPerceptualPlot.Create(points, Title(sweeps) + ": top-1 vs Perceptual Score", drawn));
    }

    public static Figure? TrainingFigure(IReadOnlyList<SweepResults> sweeps)
    {
        var points = PlotPoints(sweeps);
        if (points.Count == 0) return null;
        return new Figure(Training, $"Perceptual Score over training; the large ringed marker is each trial's best checkpoint by {BestBy(sweeps)}." + Unnamed(points),
            TrainingPerceptualPlot.Create(points, Title(sweeps) + ": Perceptual Score over training"));
    }

    /// <summary>PS (lpips, category mean) of every extraction point and the ensemble, of each trial's best checkpoint.</summary>
    public static Figure? LayersFigure(IReadOnlyList<SweepResults> sweeps) =>
        BestCheckpointFigure(sweeps, Layers, LayerPerceptualPlot.LayerAxisTitle, "per layer",
            s => s.Metric == "ps" && s.Function == "lpips" && s.Category == "mean", s => s.Layer);

    /// <summary>PS (lpips ensemble) per BAPPS distortion category, of each trial's best checkpoint.</summary>
    public static Figure? CategoriesFigure(IReadOnlyList<SweepResults> sweeps) =>
        BestCheckpointFigure(sweeps, Categories, "BAPPS 2AFC category", "per BAPPS category",
            s => s.Metric == "ps" && s.Function == "lpips" && s.Layer == "ensemble", s => s.Category);

    /// <summary>PS (layer ensemble, category mean) of each perceptual function side by side, of each trial's best checkpoint.</summary>
    public static Figure? FunctionsFigure(IReadOnlyList<SweepResults> sweeps) =>
        BestCheckpointFigure(sweeps, Functions, "Perceptual function", "per perceptual function (lpips, meanpool, style)",
            s => s.Metric == "ps" && s.Layer == "ensemble" && s.Category == "mean", s => s.Function);

    /// <summary>For each numeric swept hyperparameter: PS and top-1 (each trial's best checkpoint) against its value,
    /// one line per sweep and setting of its other swept values, the mean ± one standard error over seeds (repeats).</summary>
    public static IReadOnlyList<Figure> HyperparameterFigures(IReadOnlyList<SweepResults> sweeps)
    {
        var figures = new List<Figure>();
        var parameters = sweeps.SelectMany(StudyAnalysis.SweptParameters).Distinct().ToList();
        foreach (var parameter in parameters)
        {
            var sweeping = sweeps.Where(s => StudyAnalysis.SweptParameters(s).Contains(parameter)).ToList();
            foreach (var (metric, axis) in new[] { (CheckpointMetrics.Ps, AccuracyPerceptualPlot.PerceptualAxisTitle), (CheckpointMetrics.Top1, AccuracyPerceptualPlot.AccuracyAxisTitle) })
            {
                var series = sweeping.SelectMany(s => StudyAnalysis.Effect(s, parameter, metric)
                        .Select(setting => new HyperparameterSeries(SettingName(sweeps, s, setting.Others), setting.Points)))
                    .ToList();
                var values = series.SelectMany(line => line.Points).Select(p => p.Value).ToList();
                if (values.Count == 0) break;
                var name = metric == CheckpointMetrics.Ps ? "Perceptual Score" : "top-1";
                var lines = series.Count > 1
                    ? $" One line per {(sweeps.Count > 1 ? "sweep and " : "")}setting of the other swept values" +
                      (series.Count > FigureStyle.MaxNamedSeries ? $" ({series.Count}; the legend names none of them, data/hyperparameters.csv does)." : ", named in the legend.")
                    : "";
                figures.Add(new Figure($"{parameter}-{metric}",
                    $"{name} against {parameter}: each trial's best checkpoint by {BestBy(sweeping)}.{lines} At each value, the mean over the trials that differ only in their seed (the repeats), ± one standard error where there are two or more (no bar where there is one); the dashed line is the default.",
                    HyperparameterPlot.Create(series, $"{Title(sweeps)}: {name} vs {parameter}", WithUnit(parameter), axis,
                        HyperparameterPlot.IsLogSpaced(values), StudyAnalysis.DefaultOf(sweeping[0], parameter))));
            }
        }
        return figures;
    }

    /// <summary>Every checkpoint with top-1 and PS, series named by trial (and sweep when several).</summary>
    public static IReadOnlyList<PlotPoint> PlotPoints(IReadOnlyList<SweepResults> sweeps) =>
        sweeps.SelectMany(sweep => sweep.Checkpoints.Select(c => new PlotPoint(Series(sweeps, sweep, c.Label), c.Epochs, c.Top1, c.Ps, c.IsBest))).ToList();

    /// <summary>The category means of every reference score of the sweeps' BAPPS folders, labelled by function
    /// (and folder when there are several).</summary>
    public static IReadOnlyList<ReferenceLine> ReferenceLines(IReadOnlyList<SweepResults> sweeps)
    {
        var folders = sweeps.SelectMany(s => s.References).DistinctBy(r => r.Folder).ToList();
        return folders.SelectMany(folder => folder.Scores.Where(s => s.Category == "mean")
                .Select(s => new ReferenceLine((s.Function == "human" ? "human ceiling" : "pixel " + s.Function) +
                    (folders.Count > 1 ? $" ({Path.GetFileName(Path.GetDirectoryName(folder.Folder))})" : ""), s.Value)))
            .ToList();
    }

    private static Figure? BestCheckpointFigure(IReadOnlyList<SweepResults> sweeps, string id, string axisTitle, string what,
        Func<Storage.BestCheckpointScore, bool> select, Func<Storage.BestCheckpointScore, string> part)
    {
        var points = sweeps.SelectMany(sweep => sweep.BestScores.Where(select)
            .Select(s => new LayerPoint(Series(sweeps, sweep, s.Label), part(s), s.Value))).ToList();
        if (points.Count == 0) return null;
        return new Figure(id, $"Perceptual Score {what} of each trial's best checkpoint by {BestBy(sweeps)}." +
                (points.Select(p => p.Series).Distinct().Count() is var trials && trials > FigureStyle.MaxNamedSeries
                    ? $" With {trials} trials the legend names none of them; data/best-checkpoint-scores.csv does." : ""),
            LayerPerceptualPlot.Create(points, $"{Title(sweeps)}: PS {what}, best checkpoints by {BestBy(sweeps)}", axisTitle));
    }

    /// <summary>What the study's hyperparameters count, for their axis titles; other paths are shown as they are.</summary>
    private static readonly Dictionary<string, string> Units = new()
    {
        ["model.width"] = "width multiplier, x",
        ["model.depth"] = "layers",
        ["model.dropout"] = "probability",
        ["train.epochs"] = "epochs",
        ["train.weight_decay"] = "L2 coefficient",
        ["train.label_smoothing"] = "probability mass",
        ["train.batch_size"] = "images",
        ["train.seed"] = "seed",
    };

    private static string WithUnit(string parameter) => Units.TryGetValue(parameter, out var unit) ? $"{parameter} ({unit})" : parameter;

    /// <summary>Says so when the legend names no trial.</summary>
    private static string Unnamed(IReadOnlyList<PlotPoint> points) =>
        points.Select(p => p.Series).Distinct().Count() is var trials && trials > FigureStyle.MaxNamedSeries
            ? $" With {trials} trials the legend names none of them; data/trials.csv and data/checkpoints.csv do."
            : "";

    private static string Series(IReadOnlyList<SweepResults> sweeps, SweepResults sweep, string label) =>
        sweeps.Count == 1 ? label : $"{sweep.Name}: {label}";

    /// <summary>A hyperparameter line: the other swept values, with the sweep when several are drawn; the sweep alone when nothing else is swept.</summary>
    private static string SettingName(IReadOnlyList<SweepResults> sweeps, SweepResults sweep, string others) =>
        others.Length == 0 ? sweep.Name : Series(sweeps, sweep, others);
}
