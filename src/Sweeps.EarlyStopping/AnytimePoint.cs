namespace Sweeps.EarlyStopping;

/// <summary>Where a replayed sweep stands once one more of its trials has ended, in the order they ran.</summary>
/// <param name="Images">Training images used so far.</param>
/// <param name="ComputeFraction">Those images over the full sweep's.</param>
/// <param name="Best">The best value of the sweep's metric found so far.</param>
public sealed record AnytimePoint(long Images, double ComputeFraction, double Best);
