namespace Sweeps.Evaluation;

/// <summary>
/// Distances under one perceptual function and one layer (or the ensemble): <c>Pairs[p][i]</c> is the
/// distance of image pair <c>p</c> of item <c>i</c> (for a 2AFC triplet, pair 0 is ref–p0 and pair 1 ref–p1).
/// </summary>
public sealed record LayerDistances(string Function, string Layer, IReadOnlyList<double[]> Pairs);
