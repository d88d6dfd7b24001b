using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>Distances between two images' feature maps (N x C x H x W), one value per image pair.</summary>
public static class PerceptualDistance
{
    /// <summary>Keeps an all-zero channel vector at zero instead of dividing by zero (the LPIPS constant).</summary>
    public const double NormEpsilon = 1e-10;

    /// <summary>
    /// The uncalibrated LPIPS distance of one layer: each spatial position's channel vector scaled to
    /// unit length, squared differences summed over channels, averaged over the H x W positions. Shape N.
    /// </summary>
    public static Tensor Lpips(Tensor features0, Tensor features1)
    {
        if (!features0.shape.SequenceEqual(features1.shape) || features0.dim() != 4)
            throw new ArgumentException(
                $"Feature maps must both be N x C x H x W of one shape, got [{string.Join(", ", features0.shape)}] and [{string.Join(", ", features1.shape)}].");
        using var scope = NewDisposeScope();
        var difference = UnitNormaliseChannels(features0) - UnitNormaliseChannels(features1);
        return difference.square().sum(1).mean([1, 2]).MoveToOuterDisposeScope();
    }

    private static Tensor UnitNormaliseChannels(Tensor features) =>
        features / (features.square().sum(1, keepdim: true).sqrt() + NormEpsilon);
}
