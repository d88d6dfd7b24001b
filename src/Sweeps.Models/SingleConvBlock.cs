using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// The block of the reduced ResNets (ResNet-6 family): one 3x3 convolution + BN, added to a
/// shortcut, then ReLU (the post-addition ReLU of every ResNet v1 block). The first block of a stage
/// has the study's projection shortcut even where the shape does not change; the extra blocks of
/// ResNet-7..10 under <c>model.extra_depth: identity_blocks</c> keep their shape and use the identity.
/// </summary>
internal sealed class SingleConvBlock : Module<Tensor, Tensor>, IResidualBlock
{
    private readonly Convolution3x3 conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential? downsample;
    private readonly ReLU relu;
    private readonly bool skip;

    public SingleConvBlock(long inChannels, long planes, long stride, bool projection, ResidualBlockOptions options)
        : base(nameof(SingleConvBlock))
    {
        conv1 = ResNetLayers.Conv3x3(inChannels, planes, stride);
        bn1 = ResNetLayers.BatchNorm(planes, options.BatchNormMomentum);
        // Built even without skip connections, so both settings share one state-dict layout.
        if (projection)
            downsample = ResNetLayers.Projection(inChannels, planes, stride, options.BatchNormMomentum);
        relu = ReLU();
        skip = options.Skip;
        RegisterComponents();
    }

    public BatchNorm2d LastBatchNorm => bn1;

    public override Tensor forward(Tensor input)
    {
        var residual = bn1.call(conv1.call(input));
        if (!skip)
            return relu.call(residual);
        var shortcut = downsample?.call(input) ?? input;
        return relu.call(residual + shortcut);
    }
}
