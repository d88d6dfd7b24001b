using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>1x1 reduce, strided 3x3, 1x1 expand (x4), identity or projection shortcut (ResNet-50 and deeper).</summary>
internal sealed class Bottleneck : Module<Tensor, Tensor>, IResidualBlock
{
    public const int Expansion = 4;

    private readonly Convolution1x1 conv1;
    private readonly BatchNorm2d bn1;
    private readonly Convolution3x3 conv2;
    private readonly BatchNorm2d bn2;
    private readonly Convolution1x1 conv3;
    private readonly BatchNorm2d bn3;
    private readonly ReLU relu;
    private readonly Sequential? downsample;
    private readonly bool skip;

    public Bottleneck(long inChannels, long planes, long stride, ResidualBlockOptions options) : base(nameof(Bottleneck))
    {
        var outChannels = planes * Expansion;
        conv1 = ResNetLayers.Conv1x1(inChannels, planes, 1);
        bn1 = ResNetLayers.BatchNorm(planes, options.BatchNormMomentum);
        conv2 = ResNetLayers.Conv3x3(planes, planes, stride);
        bn2 = ResNetLayers.BatchNorm(planes, options.BatchNormMomentum);
        conv3 = ResNetLayers.Conv1x1(planes, outChannels, 1);
        bn3 = ResNetLayers.BatchNorm(outChannels, options.BatchNormMomentum);
        relu = ReLU();
        // Built even without skip connections, so both settings share one state-dict layout.
        if (stride != 1 || inChannels != outChannels)
            downsample = ResNetLayers.Projection(inChannels, outChannels, stride, options.BatchNormMomentum);
        skip = options.Skip;
        RegisterComponents();
    }

    public BatchNorm2d LastBatchNorm => bn3;

    public override Tensor forward(Tensor input)
    {
        var reduced = relu.call(bn1.call(conv1.call(input)));
        var spatial = relu.call(bn2.call(conv2.call(reduced)));
        var residual = bn3.call(conv3.call(spatial));
        if (!skip)
            return relu.call(residual);
        var shortcut = downsample?.call(input) ?? input;
        return relu.call(residual + shortcut);
    }
}
