using ScottPlot;

namespace Sweeps.Plots;

/// <summary>One scored checkpoint: its trial's label (the swept values), epoch, top-1 % and PS %, and
/// whether it is the trial's best checkpoint.</summary>
public sealed record PlotPoint(string Series, double Epoch, double Top1, double Ps, bool IsBest = false)
{
    /// <summary>One line per trial (first-seen order) through its checkpoints in epoch order, with the index of its best one.</summary>
    internal static IReadOnlyList<(string Name, Coordinates[] Points, int? Best)> ByTrial(IEnumerable<PlotPoint> points, Func<PlotPoint, Coordinates> place) =>
        points.GroupBy(point => point.Series)
            .Select(trial =>
            {
                var ordered = trial.OrderBy(point => point.Epoch).ToList();
                int best = ordered.FindIndex(point => point.IsBest);
                return (trial.Key, ordered.Select(place).ToArray(), best >= 0 ? best : (int?)null);
            })
            .ToList();
}
