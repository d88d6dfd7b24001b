namespace Sweeps.Storage;

/// <summary>The PS (lpips, mean over categories) of one layer, or the layer ensemble, of a trial's
/// best checkpoint, taken at <paramref name="Epochs"/> of training.</summary>
public sealed record LayerScore(int TrialId, string Label, double Epochs, string Layer, double Ps);
