using System.Globalization;

namespace Sweeps.Scoring.Tests;

/// <summary>One row of a bapps-val-judges CSV: <c>p0 path, d0, d1, score, judge</c>, no header.</summary>
internal sealed record PeerTriplet(double D0, double D1, double Score, double Judge)
{
    public static IReadOnlyList<PeerTriplet> Read(string csvPath) =>
        File.ReadLines(csvPath).Select(line =>
        {
            var fields = line.Split(',');
            double Field(int index) => double.Parse(fields[index], NumberStyles.Float, CultureInfo.InvariantCulture);
            return new PeerTriplet(Field(1), Field(2), Field(3), Field(4));
        }).ToList();
}
