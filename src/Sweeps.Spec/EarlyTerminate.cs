namespace Sweeps.Spec;

/// <summary>
/// W&amp;B's <c>early_terminate</c> (Hyperband): brackets start at <see cref="MinIter"/>, or are derived
/// from <see cref="MaxIter"/> and <see cref="S"/> brackets; <see cref="Eta"/> is the halving rate and
/// <see cref="Strict"/> prunes more aggressively. Parsed and validated; not acted upon yet.
/// </summary>
public sealed record EarlyTerminate(string Type, int? MinIter, int? MaxIter, int? S, int Eta, bool Strict);
