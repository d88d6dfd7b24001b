namespace Sweeps.Spec;

/// <summary>
/// W&amp;B's <c>type: hyperband</c>. Bands (checkpoint counts at which trials are compared) are
/// <see cref="MaxIter"/> / <see cref="Eta"/>^k for k = 1..<see cref="S"/> when <see cref="MaxIter"/> is
/// given, else <see cref="MinIter"/> * <see cref="Eta"/>^k for k = 0, 1, ...; at a band a trial must be
/// in the best 1/<see cref="Eta"/> of the trials that reached it. <see cref="Strict"/> (W&amp;B's default
/// true) judges the value at the band rather than the best so far.
/// </summary>
public sealed record HyperbandEarlyTerminate(int? MinIter, int? MaxIter, int? S, int Eta, bool Strict) : EarlyTerminate
{
    public override string Type => "hyperband";
}
