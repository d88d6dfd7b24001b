using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>Two 3x3 convolutions with an identity or projection shortcut (ResNet-18/34, and the
/// two-convolution stages of the study's ResNet-7..10).</summary>
internal sealed class BasicBlock : Module<Tensor, Tensor>, IResidualBlock
{
    private readonly Convolution3x3 conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly Convolution3x3 conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;
    private readonly bool skip;

    /// <param name="projection">A 1x1 projection shortcut instead of the identity: needed where the shape
    /// changes, and the study's rule for the first block of every stage of its reduced ResNets.</param>
    public BasicBlock(long inChannels, long planes, long stride, bool projection, ResidualBlockOptions options) : base(nameof(BasicBlock))
    {
        conv1 = ResNetLayers.Conv3x3(inChannels, planes, stride);
        bn1 = ResNetLayers.BatchNorm(planes, options.BatchNormMomentum);
        relu = ReLU();
        conv2 = ResNetLayers.Conv3x3(planes, planes, 1);
        bn2 = ResNetLayers.BatchNorm(planes, options.BatchNormMomentum);
        // Built even without skip connections, so both settings share one state-dict layout.
        if (projection)
            downsample = ResNetLayers.Projection(inChannels, planes, stride, options.BatchNormMomentum);
        skip = options.Skip;
        RegisterComponents();
    }

    public BatchNorm2d LastBatchNorm => bn2;

    public override Tensor forward(Tensor input)
    {
        var residual = bn2.call(conv2.call(relu.call(bn1.call(conv1.call(input)))));
        if (!skip)
            return relu.call(residual);
        var shortcut = downsample?.call(input) ?? input;
        return relu.call(residual + shortcut);
    }
}
