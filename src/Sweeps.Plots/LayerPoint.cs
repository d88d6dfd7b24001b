namespace Sweeps.Plots;

/// <summary>The PS of one named part (a layer or the ensemble, a BAPPS category, a perceptual function) of a trial's checkpoint.</summary>
public sealed record LayerPoint(string Series, string Layer, double Ps);
