namespace Sweeps.Spec;

/// <summary>
/// <c>learned_peak</c> of a peak rule: once <see cref="MinFinished"/> trials have ended, a running
/// trial whose top-1 is more than <see cref="Margin"/> points above the top-1 at which their PS
/// peaked, and whose PS is falling, is stopped.
/// </summary>
public sealed record LearnedPeak(double Margin, int MinFinished);
