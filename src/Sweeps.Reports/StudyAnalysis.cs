using System.Globalization;
using ScottPlot;
using Sweeps.Plots;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Reports;

/// <summary>The numbers the report draws and tabulates: the inverted-U fit, the Pareto front, and each swept
/// hyperparameter's effect. One value per trial is its best checkpoint's (<see cref="Trial.BestCheckpointId"/>).</summary>
public static class StudyAnalysis
{
    /// <summary>Least-squares PS = a·t² + b·t + c (t: top-1 %) over the points, named by its equation and R²;
    /// null with fewer than three distinct top-1 values.</summary>
    public static QuadraticCurve? FitInvertedU(IReadOnlyList<(double Top1, double Ps)> points)
    {
        if (points.Select(p => p.Top1).Distinct().Count() < 3) return null;
        // Centred and scaled top-1 keeps the normal equations well conditioned.
        double centre = points.Average(p => p.Top1);
        double scale = Math.Max(1e-9, points.Max(p => Math.Abs(p.Top1 - centre)));
        var s = new double[5];
        var t = new double[3];
        foreach (var (top1, ps) in points)
        {
            double u = (top1 - centre) / scale, power = 1;
            for (int k = 0; k < 5; k++)
            {
                s[k] += power;
                if (k < 3) t[k] += power * ps;
                power *= u;
            }
        }
        // Normal equations for [c', b', a'] in ps = a'u² + b'u + c'.
        var m = new double[,] { { s[0], s[1], s[2] }, { s[1], s[2], s[3] }, { s[2], s[3], s[4] } };
        var coefficients = Solve3(m, t);
        if (coefficients is null) return null;
        var (c0, b0, a0) = (coefficients[0], coefficients[1], coefficients[2]);
        double a = a0 / (scale * scale);
        double b = b0 / scale - 2 * a * centre;
        double c = c0 - b0 * centre / scale + a0 * centre * centre / (scale * scale);
        double mean = points.Average(p => p.Ps);
        double total = points.Sum(p => (p.Ps - mean) * (p.Ps - mean));
        double residual = points.Sum(p => Math.Pow(p.Ps - ((a * p.Top1 + b) * p.Top1 + c), 2));
        double r2 = total > 0 ? 1 - residual / total : 1;
        var name = string.Create(CultureInfo.InvariantCulture,
            $"quadratic fit PS = {a:0.####}t² {b:+0.###;-0.###}t {c:+0.##;-0.##}, R² {r2:0.00}");
        return new QuadraticCurve(name, a, b, c, points.Min(p => p.Top1), points.Max(p => p.Top1));
    }

    /// <summary>The points no other point beats on both top-1 and PS, by increasing top-1.</summary>
    public static IReadOnlyList<Coordinates> ParetoFront(IEnumerable<(double Top1, double Ps)> points)
    {
        var front = new List<Coordinates>();
        double bestPs = double.NegativeInfinity;
        foreach (var point in points.OrderByDescending(p => p.Top1).ThenByDescending(p => p.Ps))
        {
            if (point.Ps <= bestPs) continue;
            front.Add(new Coordinates(point.Top1, point.Ps));
            bestPs = point.Ps;
        }
        front.Reverse();
        return front;
    }

    /// <summary>The swept hyperparameters of a sweep with numeric values, in file order; the seed is left out
    /// when it only counts repeats.</summary>
    public static IReadOnlyList<string> SweptParameters(SweepResults sweep) =>
        sweep.Trials.SelectMany(t => sweep.Swept[t.TrialId])
            .Where(v => v.Number is not null)
            .Select(v => v.Path)
            .Where(path => !(path == SweepDefinition.RepeatPath && sweep.Definition.Repeats > 1))
            .Distinct()
            .ToList();

    /// <summary>Each trial's best checkpoint (top-1, PS), for the trials that have one.</summary>
    public static IReadOnlyDictionary<int, ScoredCheckpoint> BestOfTrials(SweepResults sweep) =>
        sweep.Checkpoints.Where(c => c.IsBest).GroupBy(c => c.TrialId).ToDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// The effect of <paramref name="parameter"/> on each trial's best checkpoint's <paramref name="metric"/>
    /// (<see cref="CheckpointMetrics.Ps"/> or <see cref="CheckpointMetrics.Top1"/>), one line per setting of the
    /// sweep's other swept values (in sweep order): at each value, the mean over the trials of that setting, which
    /// differ only in their seed (the repeats), with its standard error where there are two or more.
    /// </summary>
    public static IReadOnlyList<HyperparameterSetting> Effect(SweepResults sweep, string parameter, string metric)
    {
        var best = BestOfTrials(sweep);
        var scored = new List<(string Others, double Value, double Score)>();
        foreach (var trial in sweep.Trials)
        {
            var swept = sweep.Swept[trial.TrialId];
            if (swept.FirstOrDefault(v => v.Path == parameter)?.Number is not double value || !best.TryGetValue(trial.TrialId, out var checkpoint)) continue;
            var others = string.Join(' ', swept.Where(v => v.Path != parameter && v.Path != SweepDefinition.RepeatPath).Select(v => v.Label));
            scored.Add((others, value, Score(checkpoint, metric)));
        }
        return scored.GroupBy(s => s.Others)
            .Select(setting => new HyperparameterSetting(setting.Key, setting.GroupBy(s => s.Value).OrderBy(g => g.Key)
                .Select(g => MeanOf(g.Key, g.Select(s => s.Score).ToList())).ToList()))
            .ToList();
    }

    /// <summary>The mean of <paramref name="metric"/> over every trial at each value of <paramref name="parameter"/>
    /// in the sweeps (other swept values and seeds pooled: a marginal mean), each trial counted once; for Table 1.</summary>
    public static IReadOnlyList<(double Value, double Mean, int Trials)> MeanAtEachValue(IEnumerable<SweepResults> sweeps, string parameter, string metric)
    {
        var byTrial = new Dictionary<int, (double Value, double Score)>();
        foreach (var sweep in sweeps)
        {
            var best = BestOfTrials(sweep);
            foreach (var trial in sweep.Trials)
            {
                if (sweep.Swept[trial.TrialId].FirstOrDefault(v => v.Path == parameter)?.Number is not double value
                    || !best.TryGetValue(trial.TrialId, out var checkpoint)) continue;
                byTrial[trial.TrialId] = (value, Score(checkpoint, metric));
            }
        }
        return byTrial.Values.GroupBy(v => v.Value).OrderBy(g => g.Key).Select(g => (g.Key, g.Average(v => v.Score), g.Count())).ToList();
    }

    /// <summary>The default of <paramref name="parameter"/>: its value in the sweep's base configuration.</summary>
    public static double? DefaultOf(SweepResults sweep, string parameter) => SweptValues.NumberAt(sweep.Definition.Base, parameter);

    /// <summary>The architecture the sweep's base configuration names, e.g. <c>ResNet-6</c> or <c>ViT-B/8 (hidden 768, depth 12)</c>.</summary>
    public static string ArchitectureOf(SweepResults sweep)
    {
        var model = sweep.Definition.Base.Model;
        return model.Family == "vit"
            ? string.Create(CultureInfo.InvariantCulture, $"ViT/{model.PatchSize} (hidden {model.HiddenSize}, depth {model.Depth})")
            : string.Create(CultureInfo.InvariantCulture, $"ResNet-{model.Depth}");
    }

    private static double Score(ScoredCheckpoint checkpoint, string metric) => metric == CheckpointMetrics.Top1 ? checkpoint.Top1 : checkpoint.Ps;

    /// <summary>The mean of the scores at one value, with the standard error of the mean (sample standard
    /// deviation over the square root of the count) when there are two or more.</summary>
    private static HyperparameterPoint MeanOf(double value, IReadOnlyList<double> scores)
    {
        double mean = scores.Average();
        double? error = scores.Count > 1
            ? Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Count - 1) / scores.Count)
            : null;
        return new HyperparameterPoint(value, mean, error, scores.Count);
    }

    private static double[]? Solve3(double[,] m, double[] rhs)
    {
        var a = (double[,])m.Clone();
        var x = (double[])rhs.Clone();
        for (int col = 0; col < 3; col++)
        {
            int pivot = Enumerable.Range(col, 3 - col).MaxBy(r => Math.Abs(a[r, col]));
            if (Math.Abs(a[pivot, col]) < 1e-12) return null;
            for (int k = 0; k < 3; k++) (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (int r = 0; r < 3; r++)
            {
                if (r == col) continue;
                double factor = a[r, col] / a[col, col];
                for (int k = 0; k < 3; k++) a[r, k] -= factor * a[col, k];
                x[r] -= factor * x[col];
            }
        }
        return [x[0] / a[0, 0], x[1] / a[1, 1], x[2] / a[2, 2]];
    }
}

/// <summary>One line of a hyperparameter figure: the trials that share <paramref name="Others"/>, the other swept
/// values (<c>model.depth=6</c>; empty when nothing else is swept), the seed aside.</summary>
public sealed record HyperparameterSetting(string Others, IReadOnlyList<HyperparameterPoint> Points);
