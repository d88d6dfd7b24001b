using static TorchSharp.torch;

namespace Sweeps.Evaluation;

/// <summary>
/// Distances between two images' feature maps (N x C x H x W; a ViT class token is a 1 x 1 map), one
/// value per image pair, as perceptual-score.md defines them. Inputs may be float32 or float64.
/// </summary>
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
        RequireSameShape(features0, features1);
        using var scope = NewDisposeScope();
        var difference = UnitNormaliseChannels(features0) - UnitNormaliseChannels(features1);
        return difference.square().sum(1).mean([1, 2]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The study's mean-pool function: the unnormalised features averaged over positions, that mean
    /// vector scaled to unit length, then (1 / C) times the squared distance between the two. Shape N.
    /// </summary>
    public static Tensor Meanpool(Tensor features0, Tensor features1)
    {
        RequireSameShape(features0, features1);
        using var scope = NewDisposeScope();
        var difference = UnitNormaliseChannels(features0.mean([2, 3], keepdim: true)) - UnitNormaliseChannels(features1.mean([2, 3], keepdim: true));
        return (difference.square().sum([1, 2, 3]) / features0.shape[1]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The study's style function: G = (1 / HW) F Fᵀ, the channel cross-correlation over positions of the
    /// unit-normalised features F (C x HW), and d = (1 / C²) ‖G0 - G1‖²_F. Shape N. The paper does not
    /// say whether G is divided by HW; <paramref name="divideByPositions"/> false leaves it undivided
    /// (<c>score.style_normalisation: none</c>), which scales one layer's distances by (HW)² alike and so
    /// changes only how layers weigh in an ensemble.
    /// </summary>
    /// <remarks>
    /// When positions are fewer than channels (deep stages, ViT tokens), the Gram matrices are larger
    /// than needed: ‖G0 - G1‖² = ‖F0ᵀF0‖² + ‖F1ᵀF1‖² - 2‖F0ᵀF1‖² (over HW²) uses HW x HW products
    /// instead, in float64 so the subtraction loses nothing that matters.
    /// </remarks>
    public static Tensor Style(Tensor features0, Tensor features1, bool divideByPositions = true)
    {
        RequireSameShape(features0, features1);
        using var scope = NewDisposeScope();
        long channels = features0.shape[1], positions = features0.shape[2] * features0.shape[3];
        var divisor = divideByPositions ? positions : 1;
        var flat0 = UnitNormaliseChannels(features0).flatten(2);
        var flat1 = UnitNormaliseChannels(features1).flatten(2);
        Tensor squaredDifference;
        if (positions >= channels)
        {
            var gram0 = flat0.bmm(flat0.transpose(1, 2)) / divisor;
            var gram1 = flat1.bmm(flat1.transpose(1, 2)) / divisor;
            squaredDifference = (gram0 - gram1).square().sum([1, 2]);
        }
        else
        {
            var wide0 = flat0.to_type(ScalarType.Float64);
            var wide1 = flat1.to_type(ScalarType.Float64);
            Tensor SquaredNorm(Tensor a, Tensor b) => a.transpose(1, 2).bmm(b).square().sum([1, 2]);
            squaredDifference = ((SquaredNorm(wide0, wide0) + SquaredNorm(wide1, wide1) - 2 * SquaredNorm(wide0, wide1)) / ((double)divisor * divisor))
                .clamp_min(0).to_type(features0.dtype);
        }
        return (squaredDifference / (channels * channels)).MoveToOuterDisposeScope();
    }

    private static void RequireSameShape(Tensor features0, Tensor features1)
    {
        if (!features0.shape.SequenceEqual(features1.shape) || features0.dim() != 4)
            throw new ArgumentException(
                $"Feature maps must both be N x C x H x W of one shape, got [{string.Join(", ", features0.shape)}] and [{string.Join(", ", features1.shape)}].");
    }

    private static Tensor UnitNormaliseChannels(Tensor features) =>
        features / (features.square().sum(1, keepdim: true).sqrt() + NormEpsilon);
}
