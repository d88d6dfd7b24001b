namespace Sweeps.Spec;

/// <summary>
/// <c>type: median</c>: Optuna's MedianPruner. Steps are checkpoint indices (0 = the first scored
/// checkpoint): nothing is stopped before <see cref="NStartupTrials"/> trials have completed or before
/// checkpoint <see cref="NWarmupSteps"/>, and then only every <see cref="IntervalSteps"/>-th checkpoint.
/// </summary>
public sealed record MedianEarlyTerminate(int NStartupTrials, int NWarmupSteps, int IntervalSteps) : EarlyTerminate
{
    public override string Type => "median";
}
