using static TorchSharp.torch;

namespace Sweeps.Models;

/// <summary>
/// A classifier whose named intermediate outputs serve as perceptual features. Input: RGB in
/// [0, 1], shape N x 3 x H x W; the model applies its own input normalisation, so training and
/// perceptual scoring always see the same preprocessing.
/// </summary>
public interface IFeatureClassifier
{
    /// <summary>Names of the extraction points, in forward order (ResNet: stage1..stage4).</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Logits plus one feature map per extraction point (N x C x H x W; ViT class tokens as N x C x 1 x 1).</summary>
    (Tensor Logits, IReadOnlyList<Tensor> Features) ForwardWithFeatures(Tensor input);
}
