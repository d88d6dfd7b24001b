using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// The ResNet-6 stage: one strided 3x3 convolution + BN, added to an always-present projection
/// shortcut, then ReLU (the post-addition ReLU of every ResNet v1 block).
/// </summary>
internal sealed class SingleConvBlock : Module<Tensor, Tensor>
{
    private readonly Convolution3x3 conv1;
    private readonly BatchNorm2d bn1;
    private readonly Sequential downsample;
    private readonly ReLU relu;

    public SingleConvBlock(long inChannels, long planes, long stride) : base(nameof(SingleConvBlock))
    {
        conv1 = ResNetLayers.Conv3x3(inChannels, planes, stride);
        bn1 = ResNetLayers.BatchNorm(planes);
        downsample = ResNetLayers.Projection(inChannels, planes, stride);
        relu = ReLU();
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) =>
        relu.call(bn1.call(conv1.call(input)) + downsample.call(input));
}
