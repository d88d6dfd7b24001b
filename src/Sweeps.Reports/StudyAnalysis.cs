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

    /// <summary>The swept hyperparameters of a sweep with numeric values, in label order; the seed is left out
    /// when it only counts repeats.</summary>
    public static IReadOnlyList<string> SweptParameters(SweepResults sweep) =>
        sweep.Trials.SelectMany(t => SweptValues.Parse(t.Label))
            .Where(v => SweptValues.Number(v.Value) is not null)
            .Select(v => v.Path)
            .Where(path => !(path == "train.seed" && sweep.Definition.Repeats > 1))
            .Distinct()
            .ToList();

    /// <summary>Each trial's best checkpoint (top-1, PS), for the trials that have one.</summary>
    public static IReadOnlyDictionary<int, ScoredCheckpoint> BestOfTrials(SweepResults sweep) =>
        sweep.Checkpoints.Where(c => c.IsBest).GroupBy(c => c.TrialId).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Mean and standard error over the trials at each value of <paramref name="parameter"/> (all other
    /// swept values and seeds pooled), of each trial's best checkpoint's <paramref name="metric"/>
    /// (<see cref="CheckpointMetrics.Ps"/> or <see cref="CheckpointMetrics.Top1"/>).</summary>
    public static IReadOnlyList<HyperparameterPoint> Effect(SweepResults sweep, string parameter, string metric) =>
        Effect([sweep], parameter, metric);

    /// <summary>As <see cref="Effect(SweepResults,string,string)"/> over several sweeps' trials, each trial counted once.</summary>
    public static IReadOnlyList<HyperparameterPoint> Effect(IEnumerable<SweepResults> sweeps, string parameter, string metric)
    {
        var byTrial = new Dictionary<int, (double Value, double Score)>();
        foreach (var sweep in sweeps)
        {
            var best = BestOfTrials(sweep);
            foreach (var trial in sweep.Trials)
            {
                var value = SweptValues.Parse(trial.Label).Where(v => v.Path == parameter).Select(v => SweptValues.Number(v.Value)).FirstOrDefault();
                if (value is null || !best.TryGetValue(trial.TrialId, out var checkpoint)) continue;
                byTrial[trial.TrialId] = (value.Value, metric == CheckpointMetrics.Top1 ? checkpoint.Top1 : checkpoint.Ps);
            }
        }
        return byTrial.Values.GroupBy(v => v.Value).OrderBy(g => g.Key)
            .Select(g =>
            {
                var scores = g.Select(v => v.Score).ToList();
                double mean = scores.Average();
                double? error = scores.Count > 1
                    ? Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Count - 1)) / Math.Sqrt(scores.Count)
                    : null;
                return new HyperparameterPoint(g.Key, mean, error, scores.Count);
            })
            .ToList();
    }

    /// <summary>The default of <paramref name="parameter"/>: its value in the sweep's base configuration.</summary>
    public static double? DefaultOf(SweepResults sweep, string parameter) =>
        SweptValues.Number(SweptValues.ValueAt(sweep.Definition.Base, parameter));

    /// <summary>The architecture the sweep's base configuration names, e.g. <c>ResNet-6</c> or <c>ViT-B/8 (hidden 768, depth 12)</c>.</summary>
    public static string ArchitectureOf(SweepResults sweep)
    {
        var model = sweep.Definition.Base.Model;
        return model.Family == "vit"
            ? string.Create(CultureInfo.InvariantCulture, $"ViT/{model.PatchSize} (hidden {model.HiddenSize}, depth {model.Depth})")
            : string.Create(CultureInfo.InvariantCulture, $"ResNet-{model.Depth}");
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
