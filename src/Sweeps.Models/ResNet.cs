using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// ImageNet ResNet (v1) with a width multiplier, named like TorchVision's so state-dict keys match
/// PyTorch (conv1, bn1, layer1..layer4, fc). Extraction points stage1..stage4 are the outputs of
/// layer1..layer4.
/// </summary>
public sealed class ResNet : FeatureClassifier
{
    public static readonly IReadOnlyList<string> StageNames = ["stage1", "stage2", "stage3", "stage4"];
    public static readonly IReadOnlyList<int> SupportedDepths = [6, 18, 34, 50, 101, 152, 200];
    private static readonly int[] BaseStageChannels = [64, 128, 256, 512];
    private static readonly int[] StageStrides = [1, 2, 2, 2];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly Dropout dropout;
    private readonly Linear fc;

    private ResNet(ResidualBlockKind kind, int[] blocksPerStage, double width, double dropoutRate, int classCount)
        : base(nameof(ResNet))
    {
        var stemChannels = ScaledChannels(64, width);
        var planes = BaseStageChannels.Select(channels => ScaledChannels(channels, width)).ToArray();
        var expansion = kind == ResidualBlockKind.Bottleneck ? Bottleneck.Expansion : 1;

        conv1 = Conv2d(3, stemChannels, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = ResNetLayers.BatchNorm(stemChannels);
        relu = ReLU();
        maxpool = MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        layer1 = Stage(kind, stemChannels, planes[0], blocksPerStage[0], StageStrides[0]);
        layer2 = Stage(kind, planes[0] * expansion, planes[1], blocksPerStage[1], StageStrides[1]);
        layer3 = Stage(kind, planes[1] * expansion, planes[2], blocksPerStage[2], StageStrides[2]);
        layer4 = Stage(kind, planes[2] * expansion, planes[3], blocksPerStage[3], StageStrides[3]);
        dropout = Dropout(dropoutRate);
        fc = Linear(planes[3] * expansion, classCount);
        RegisterComponents();
        InitializeWeights();
    }

    /// <summary>The ResNet of the given depth (6, 18, 34, 50, 101, 152 or 200).</summary>
    /// <param name="width">Multiplier on every filter count; each count is rounded and at least 1.</param>
    /// <param name="dropoutRate">Dropout probability before the classifier (0 = off).</param>
    public static ResNet Create(int depth, double width, double dropoutRate, int classCount)
    {
        if (!(width > 0))
            throw new ArgumentException($"ResNet width multiplier must be positive, got {width}.", nameof(width));
        if (dropoutRate is < 0 or >= 1)
            throw new ArgumentException($"Dropout rate must be in [0, 1), got {dropoutRate}.", nameof(dropoutRate));
        if (classCount < 1)
            throw new ArgumentException($"A classifier needs at least one class, got {classCount}.", nameof(classCount));
        return depth switch
        {
            6 => new ResNet(ResidualBlockKind.SingleConv, [1, 1, 1, 1], width, dropoutRate, classCount),
            18 => new ResNet(ResidualBlockKind.Basic, [2, 2, 2, 2], width, dropoutRate, classCount),
            34 => new ResNet(ResidualBlockKind.Basic, [3, 4, 6, 3], width, dropoutRate, classCount),
            50 => new ResNet(ResidualBlockKind.Bottleneck, [3, 4, 6, 3], width, dropoutRate, classCount),
            101 => new ResNet(ResidualBlockKind.Bottleneck, [3, 4, 23, 3], width, dropoutRate, classCount),
            152 => new ResNet(ResidualBlockKind.Bottleneck, [3, 8, 36, 3], width, dropoutRate, classCount),
            200 => new ResNet(ResidualBlockKind.Bottleneck, [3, 24, 36, 3], width, dropoutRate, classCount),
            _ => throw new ArgumentException(
                $"ResNet depth {depth} is not supported; supported depths: {string.Join(", ", SupportedDepths)}.", nameof(depth)),
        };
    }

    public override IReadOnlyList<string> FeatureNames => StageNames;

    protected override Tensor ForwardNormalized(Tensor normalized, ICollection<Tensor>? features)
    {
        var x = maxpool.call(relu.call(bn1.call(conv1.call(normalized))));
        foreach (var stage in new[] { layer1, layer2, layer3, layer4 })
        {
            x = stage.call(x);
            features?.Add(x);
        }
        var pooled = x.mean([2, 3]);
        return fc.call(dropout.call(pooled));
    }

    private static long ScaledChannels(int baseChannels, double width) => Math.Max(1, (long)Math.Round(baseChannels * width));

    private static Sequential Stage(ResidualBlockKind kind, long inChannels, long planes, int blocks, long stride)
    {
        var expansion = kind == ResidualBlockKind.Bottleneck ? Bottleneck.Expansion : 1;
        var stage = new Module<Tensor, Tensor>[blocks];
        stage[0] = Block(kind, inChannels, planes, stride);
        for (var i = 1; i < blocks; i++)
            stage[i] = Block(kind, planes * expansion, planes, 1);
        return Sequential(stage);
    }

    private static Module<Tensor, Tensor> Block(ResidualBlockKind kind, long inChannels, long planes, long stride) => kind switch
    {
        ResidualBlockKind.Basic => new BasicBlock(inChannels, planes, stride),
        ResidualBlockKind.Bottleneck => new Bottleneck(inChannels, planes, stride),
        ResidualBlockKind.SingleConv => new SingleConvBlock(inChannels, planes, stride),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>He (fan-out) initialisation for convolutions, BN scale 1 and shift 0, as TorchVision.</summary>
    private void InitializeWeights()
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    init.kaiming_normal_(conv.weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
                    break;
                case Convolution3x3 conv:
                    init.kaiming_normal_(conv.Weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
                    break;
                case BatchNorm2d norm:
                    init.ones_(norm.weight);
                    init.zeros_(norm.bias);
                    break;
            }
        }
    }
}
