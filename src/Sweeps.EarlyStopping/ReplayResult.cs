using System.Collections.Immutable;

namespace Sweeps.EarlyStopping;

/// <summary>What a rule would have done to a sweep: per trial, and the compute and best result overall.</summary>
/// <param name="BestUnderRule">The sweep's best value of its metric over the checkpoints the rule kept.</param>
/// <param name="BestInFull">The sweep's best value over every checkpoint.</param>
public sealed record ReplayResult(ImmutableArray<TrialReplay> Trials, double BestUnderRule, double BestInFull)
{
    public long ImagesTrained => Trials.Sum(trial => trial.ImagesTrained);

    public long ImagesInFull => Trials.Sum(trial => trial.ImagesInFull);

    /// <summary>Training images under the rule over those of the full sweep.</summary>
    public double ComputeFraction => (double)ImagesTrained / ImagesInFull;
}
