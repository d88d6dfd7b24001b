namespace Sweeps.Plots;

/// <summary>The PS of one layer (or the layer ensemble) of a trial's newest scored checkpoint.</summary>
public sealed record LayerPoint(string Series, string Layer, double Ps);
