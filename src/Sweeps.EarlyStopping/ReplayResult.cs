using System.Collections.Immutable;
using Sweeps.Spec;

namespace Sweeps.EarlyStopping;

/// <summary>What a rule would have done to a sweep: per trial, and the compute and best result overall. The
/// totals are the ends of the anytime curves (<see cref="UnderRule"/>, <see cref="InFull"/>), so a table and a
/// figure of the same replay show the same numbers.</summary>
/// <param name="Trials">In the order they ran; at least one.</param>
/// <param name="Objective">The metric whose best the sweep reports, and its goal.</param>
public sealed record ReplayResult(ImmutableArray<TrialReplay> Trials, SweepMetric Objective)
{
    public long ImagesInFull => Trials.Sum(trial => trial.ImagesInFull);

    /// <summary>After each trial in ran order under the rule: the images trained so far and the best kept so far.</summary>
    public IReadOnlyList<AnytimePoint> UnderRule => Curve(trial => trial.ImagesTrained, trial => trial.BestUnderRule);

    /// <summary>The same for the full sweep, every trial run to its end; its last point is at a fraction of 1.</summary>
    public IReadOnlyList<AnytimePoint> InFull => Curve(trial => trial.ImagesInFull, trial => trial.BestInFull);

    public long ImagesTrained => UnderRule[^1].Images;

    /// <summary>Training images under the rule over those of the full sweep.</summary>
    public double ComputeFraction => UnderRule[^1].ComputeFraction;

    /// <summary>The sweep's best value of its metric over the checkpoints the rule kept.</summary>
    public double BestUnderRule => UnderRule[^1].Best;

    /// <summary>The sweep's best value over every checkpoint.</summary>
    public double BestInFull => InFull[^1].Best;

    /// <summary>How far the best under the rule falls short of the full sweep's best (never negative).</summary>
    public double Gap => Math.Abs(BestInFull - BestUnderRule);

    private List<AnytimePoint> Curve(Func<TrialReplay, long> images, Func<TrialReplay, double> best)
    {
        long total = ImagesInFull, used = 0;
        var points = new List<AnytimePoint>(Trials.Length);
        foreach (var trial in Trials)
        {
            used += images(trial);
            var sofar = points.Count == 0 ? best(trial) : Objective.Goal.Best([points[^1].Best, best(trial)]);
            points.Add(new AnytimePoint(used, (double)used / total, sofar));
        }
        return points;
    }
}
