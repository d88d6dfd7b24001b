using ScottPlot;

namespace Sweeps.Plots;

/// <summary>One scored checkpoint: its trial's label (the swept values), epoch, top-1 % and PS %.</summary>
public sealed record PlotPoint(string Series, double Epoch, double Top1, double Ps)
{
    /// <summary>One line per trial (first-seen order) through its checkpoints in epoch order.</summary>
    internal static IReadOnlyList<(string Name, Coordinates[] Points)> ByTrial(IEnumerable<PlotPoint> points, Func<PlotPoint, Coordinates> place) =>
        points.GroupBy(point => point.Series)
            .Select(trial => (trial.Key, trial.OrderBy(point => point.Epoch).Select(place).ToArray()))
            .ToList();
}
