using System.Globalization;
using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// A score against one swept hyperparameter's value: per series (a sweep, or one setting of its other swept
/// values), the mean over the trials at each value with ± one standard error where there are several (its seeds),
/// a logarithmic x axis when the values are log-spaced, and the default value marked by a vertical line.
/// </summary>
public static class HyperparameterPlot
{
    /// <param name="parameter">The x axis title: the parameter's path and its unit.</param>
    public static Plot Create(IReadOnlyList<HyperparameterSeries> series, string title, string parameter, string yLabel, bool logAxis, double? defaultValue)
    {
        if (series.All(s => s.Points.Count == 0)) throw new ArgumentException("There are no values to plot.", nameof(series));
        var plot = new Plot();
        double Place(double value) => logAxis ? Math.Log10(value) : value;
        foreach (var (line, index) in series.Select((line, index) => (line, index)))
        {
            var color = FigureStyle.ColorOf(index);
            var points = line.Points.OrderBy(p => p.Value).ToList();
            var xs = points.Select(p => Place(p.Value)).ToArray();
            var means = points.Select(p => p.Mean).ToArray();
            var scatter = plot.Add.Scatter(xs, means, color);
            scatter.LegendText = series.Count <= FigureStyle.MaxNamedSeries ? line.Name : "";
            scatter.MarkerSize = SeriesChart.MarkerSize;
            scatter.MarkerShape = FigureStyle.ShapeOf(index);
            // A value with one trial gets no bar at all: a bar of zero length would still draw its caps.
            var spread = points.Where(p => p.StandardError is not null).ToList();
            if (spread.Count > 0)
            {
                var errors = plot.Add.ErrorBar(spread.Select(p => Place(p.Value)).ToArray(), spread.Select(p => p.Mean).ToArray(),
                    spread.Select(p => p.StandardError!.Value).ToArray());
                errors.Color = color;
            }
        }
        var values = series.SelectMany(s => s.Points).Select(p => p.Value).Append(defaultValue ?? double.NaN)
            .Where(v => !double.IsNaN(v)).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(values.Select(Place).ToArray(), values.Select(v => v.ToString("G4", CultureInfo.InvariantCulture)).ToArray());
        if (defaultValue is double byDefault)
        {
            var marker = plot.Add.VerticalLine(Place(byDefault), 1.5f, FigureStyle.ReferenceColor, LinePattern.Dashed);
            marker.LegendText = $"default: {byDefault.ToString("G4", CultureInfo.InvariantCulture)}";
        }
        plot.Axes.Margins(horizontal: 0.08, vertical: 0.12);
        bool repeats = series.Any(s => s.Points.Any(p => p.StandardError is not null));
        FigureStyle.Apply(plot, title, parameter + (logAxis ? " (log scale)" : ""), yLabel + (repeats ? ", mean ± s.e. over seeds" : ""));
        return plot;
    }

    /// <summary>Log-spaced: positive, at least three values, spanning a factor of 8 or more, with ratios
    /// between neighbours more even than their differences.</summary>
    public static bool IsLogSpaced(IEnumerable<double> values)
    {
        var sorted = values.Distinct().Order().ToArray();
        if (sorted.Length < 3 || sorted[0] <= 0 || sorted[^1] / sorted[0] < 8) return false;
        var ratios = sorted.Zip(sorted.Skip(1), (a, b) => Math.Log(b / a)).ToArray();
        var gaps = sorted.Zip(sorted.Skip(1), (a, b) => b - a).ToArray();
        return Spread(ratios) < Spread(gaps);
    }

    /// <summary>Coefficient of variation.</summary>
    private static double Spread(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length) / mean;
    }
}

/// <summary>One line of <see cref="HyperparameterPlot"/>.</summary>
public sealed record HyperparameterSeries(string Name, IReadOnlyList<HyperparameterPoint> Points);

/// <summary>The mean score of <paramref name="Count"/> trials at one value; <paramref name="StandardError"/> when Count &gt; 1.</summary>
public sealed record HyperparameterPoint(double Value, double Mean, double? StandardError, int Count);
