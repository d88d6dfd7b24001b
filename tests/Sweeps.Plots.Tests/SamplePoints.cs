namespace Sweeps.Plots.Tests;

/// <summary>Two trials' checkpoints, given out of epoch order; the narrow trial's best checkpoint is its second,
/// the wide one's its first.</summary>
internal static class SamplePoints
{
    public const string Narrow = "width=0.25";
    public const string Wide = "width=1.0";

    public static IReadOnlyList<PlotPoint> TwoTrials() =>
    [
        new(Narrow, 2, 31.0, 69.4, IsBest: true),
        new(Narrow, 1, 18.5, 68.9),
        new(Wide, 1, 24.0, 68.1, IsBest: true),
        new(Narrow, 3, 38.2, 69.1),
        new(Wide, 3, 52.0, 67.3),
        new(Wide, 2, 41.5, 67.8),
    ];
}
