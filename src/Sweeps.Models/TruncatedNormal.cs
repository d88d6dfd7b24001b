using static TorchSharp.torch;

namespace Sweeps.Models;

/// <summary>
/// Truncated normal initialisation. TorchSharp 0.107's <c>nn.init.trunc_normal_</c> fills the tensor
/// with the constant <c>std</c> instead of sampling (measured: 10,000 draws, standard deviation 0), so
/// this draws from the global generator and redraws every value outside the cut, as TensorFlow does.
/// </summary>
public static class TruncatedNormal
{
    /// <summary>A normal cut at two standard deviations keeps this fraction of its standard deviation
    /// (0.8796; the constant TensorFlow's variance-scaling initialiser divides by).</summary>
    public const double StdRatioAtTwoStd = 0.87962566103423978;

    /// <summary>Fills <paramref name="weight"/> with normal(0, <paramref name="std"/>) draws kept within +-<paramref name="bound"/>.</summary>
    public static void Fill(Tensor weight, double std, double bound)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var values = randn(weight.shape, dtype: weight.dtype, device: weight.device) * std;
        while (true)
        {
            var outside = values.abs() > bound;
            if (!outside.any().item<bool>())
                break;
            values = where(outside, randn(weight.shape, dtype: weight.dtype, device: weight.device) * std, values);
        }
        weight.copy_(values);
    }
}
