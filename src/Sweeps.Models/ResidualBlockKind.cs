namespace Sweeps.Models;

internal enum ResidualBlockKind
{
    /// <summary>Two 3x3 convolutions (ResNet-18/34; the deeper stages of the study's ResNet-7..10).</summary>
    Basic,
    /// <summary>1x1-3x3-1x1 with x4 expansion (ResNet-50 and deeper).</summary>
    Bottleneck,
    /// <summary>One 3x3 convolution with a projection or identity shortcut (ResNet-2..10).</summary>
    SingleConv,
}
