using System.Globalization;

namespace Sweeps.EarlyStopping;

internal static class Numbers
{
    /// <summary>The median, averaging the middle two of an even count (numpy's median, Optuna's 50th percentile).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>One or two decimals, invariant culture, for reasons: 41.2, 47.93.</summary>
    public static string Format(double value) => value.ToString("0.0#", CultureInfo.InvariantCulture);
}
