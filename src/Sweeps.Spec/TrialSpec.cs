namespace Sweeps.Spec;

/// <summary>
/// One trial of a sweep. <paramref name="Index"/> is the 0-based position in the sweep;
/// <paramref name="Swept"/> the values this trial varies, in file order, with the seed it trains with last when
/// the sweep has <c>repeats</c>; <see cref="Label"/> names them (<c>model.depth=6 model.width=0.25</c>), or is
/// <c>base</c> when it varies nothing.
/// </summary>
public sealed record TrialSpec(int Index, IReadOnlyList<SweptValue> Swept, TrialConfig Config)
{
    public string Label => Swept.Count == 0 ? "base" : string.Join(' ', Swept.Select(value => value.Label));
}
