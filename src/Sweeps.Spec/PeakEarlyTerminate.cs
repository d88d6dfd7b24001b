namespace Sweeps.Spec;

/// <summary>
/// <c>type: peak</c>: stop a trial once <see cref="Metric"/> (one of <see cref="CheckpointMetrics.Names"/>)
/// has not improved on its best by more than <see cref="MinDelta"/> for <see cref="Patience"/>
/// checkpoints, as Keras' EarlyStopping does; optionally also when <see cref="LearnedPeak"/> says
/// the trial is past the top-1 at which finished trials' PS peaked.
/// </summary>
public sealed record PeakEarlyTerminate(string Metric, int Patience, double MinDelta, LearnedPeak? LearnedPeak) : EarlyTerminate
{
    public override string Type => "peak";
}
