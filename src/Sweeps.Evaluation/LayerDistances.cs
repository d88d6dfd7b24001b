namespace Sweeps.Evaluation;

/// <summary>Per-triplet distances under one layer (or the ensemble): reference to p0 and reference to p1.</summary>
public sealed record LayerDistances(string Layer, double[] ToP0, double[] ToP1);
