namespace Sweeps.Plots;

/// <summary>One checkpoint on the accuracy-vs-PS plot: its trial's label (the swept values), epoch, top-1 % and PS %.</summary>
public sealed record PlotPoint(string Series, double Epoch, double Top1, double Ps);
