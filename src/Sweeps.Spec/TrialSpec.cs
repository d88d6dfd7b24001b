namespace Sweeps.Spec;

/// <summary>
/// One trial of a sweep. <paramref name="Index"/> is the 0-based position in the sweep;
/// <paramref name="Label"/> names the values this trial varies, in file order
/// (<c>model.depth=6 model.width=0.25</c>), or <c>base</c> when it varies nothing.
/// </summary>
public sealed record TrialSpec(int Index, string Label, TrialConfig Config);
