using Sweeps.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// ImageNet ResNet (v1) with a width multiplier, named like TorchVision's so state-dict keys match
/// PyTorch (conv1, bn1, layer1..layer4, fc).
/// <para>Depths 18..200 are the standard basic/bottleneck networks. Depths 2..10 are the study's
/// reduced family, counted as weighted layers on the main path (stem conv + 3x3 convs + dense):
/// ResNet-6 has four stages of one single-conv block with a projection shortcut; depths 2..5 keep
/// only the first depth - 2 stages (ResNet-2 is stem + dense); depths 7..10 add a second,
/// identity-shortcut single-conv block to the first depth - 6 stages, so ResNet-10 has two per stage.</para>
/// <para>Extraction points: the stage outputs stage1..stageN, or with <see cref="FeatureSet.Blocks"/>
/// every block output stage{s}.block{b} (b from 0). ResNet-2 has no stage; its one point is the stem
/// output, <c>stem</c>.</para>
/// </summary>
public sealed class ResNet : FeatureClassifier
{
    public static readonly IReadOnlyList<int> SupportedDepths = [2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 34, 50, 101, 152, 200];
    private const string StemFeatureName = "stem";
    private const int StageCount = 4;
    private static readonly int[] BaseStageChannels = [64, 128, 256, 512];
    private static readonly int[] StageStrides = [1, 2, 2, 2];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    // Null where a reduced depth drops the stage; RegisterComponents skips nulls.
    private readonly Sequential? layer1;
    private readonly Sequential? layer2;
    private readonly Sequential? layer3;
    private readonly Sequential? layer4;
    private readonly Dropout dropout;
    private readonly Linear fc;
    private readonly Module<Tensor, Tensor>[][] blocksByStage;
    private readonly bool extractEveryBlock;
    private readonly string[] featureNames;

    private ResNet(ResidualBlockKind kind, int[] blocksPerStage, ModelConfig config, int classCount, FeatureSet features)
        : base(nameof(ResNet))
    {
        var options = new ResidualBlockOptions(config.Skip, config.BatchNormMomentum);
        var stemChannels = ScaledChannels(64, config.Width);
        var planes = BaseStageChannels.Select(channels => ScaledChannels(channels, config.Width)).ToArray();
        var expansion = kind == ResidualBlockKind.Bottleneck ? Bottleneck.Expansion : 1;

        conv1 = Conv2d(3, stemChannels, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = ResNetLayers.BatchNorm(stemChannels, config.BatchNormMomentum);
        relu = ReLU();
        maxpool = MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        blocksByStage = new Module<Tensor, Tensor>[blocksPerStage.Length][];
        var channels = stemChannels;
        for (var stage = 0; stage < blocksPerStage.Length; stage++)
        {
            blocksByStage[stage] = StageBlocks(kind, channels, planes[stage], blocksPerStage[stage], StageStrides[stage], options);
            channels = planes[stage] * expansion;
        }
        var stages = blocksByStage.Select(blocks => Sequential(blocks)).ToArray();
        layer1 = stages.ElementAtOrDefault(0);
        layer2 = stages.ElementAtOrDefault(1);
        layer3 = stages.ElementAtOrDefault(2);
        layer4 = stages.ElementAtOrDefault(3);
        dropout = Dropout(config.Dropout);
        fc = Linear(channels, classCount);
        extractEveryBlock = features == FeatureSet.Blocks;
        featureNames = FeatureNamesOf(blocksPerStage, extractEveryBlock);
        RegisterComponents();
        InitializeWeights();
    }

    /// <summary>The ResNet a configuration describes: depth (see <see cref="SupportedDepths"/>), width,
    /// dropout before the classifier, skip connections and BatchNorm momentum.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public static ResNet Create(ModelConfig config, int classCount, FeatureSet features = FeatureSet.Stages)
    {
        ModelSettings.RequirePositiveWidth(config.Width);
        ModelSettings.RequireDropoutRate(config.Dropout);
        ModelSettings.RequireClasses(classCount);
        if (!(config.BatchNormMomentum >= 0 && config.BatchNormMomentum <= 1))
            throw new ArgumentException($"model.batch_norm_momentum must be in [0, 1], got {config.BatchNormMomentum}.", nameof(config));
        return config.Depth switch
        {
            >= 2 and <= 10 => new ResNet(ResidualBlockKind.SingleConv, ReducedBlocksPerStage(config.Depth), config, classCount, features),
            18 => new ResNet(ResidualBlockKind.Basic, [2, 2, 2, 2], config, classCount, features),
            34 => new ResNet(ResidualBlockKind.Basic, [3, 4, 6, 3], config, classCount, features),
            50 => new ResNet(ResidualBlockKind.Bottleneck, [3, 4, 6, 3], config, classCount, features),
            101 => new ResNet(ResidualBlockKind.Bottleneck, [3, 4, 23, 3], config, classCount, features),
            152 => new ResNet(ResidualBlockKind.Bottleneck, [3, 8, 36, 3], config, classCount, features),
            200 => new ResNet(ResidualBlockKind.Bottleneck, [3, 24, 36, 3], config, classCount, features),
            _ => throw new ArgumentException(
                $"ResNet depth {config.Depth} is not supported; supported depths: {string.Join(", ", SupportedDepths)}.", nameof(config)),
        };
    }

    public override IReadOnlyList<string> FeatureNames => featureNames;

    protected override Tensor ForwardNormalized(Tensor normalized, ICollection<Tensor>? features)
    {
        var x = maxpool.call(relu.call(bn1.call(conv1.call(CpuMemoryFormat.ChannelsLast(normalized)))));
        if (blocksByStage.Length == 0)
            features?.Add(x);
        foreach (var blocks in blocksByStage)
        {
            for (var block = 0; block < blocks.Length; block++)
            {
                x = blocks[block].call(x);
                if (extractEveryBlock || block == blocks.Length - 1)
                    features?.Add(x);
            }
        }
        var pooled = x.mean([2, 3]);
        return fc.call(dropout.call(pooled));
    }

    /// <summary>Depth 2..10: stem and dense count 2, each single-conv block 1 (see the class comment).</summary>
    private static int[] ReducedBlocksPerStage(int depth)
    {
        var stages = Math.Min(depth - 2, StageCount);
        var doubledStages = Math.Max(depth - 6, 0);
        return Enumerable.Range(0, stages).Select(stage => stage < doubledStages ? 2 : 1).ToArray();
    }

    private static string[] FeatureNamesOf(int[] blocksPerStage, bool everyBlock)
    {
        if (blocksPerStage.Length == 0)
            return [StemFeatureName];
        return blocksPerStage
            .SelectMany((blocks, stage) => everyBlock
                ? Enumerable.Range(0, blocks).Select(block => $"stage{stage + 1}.block{block}")
                : [$"stage{stage + 1}"])
            .ToArray();
    }

    private static long ScaledChannels(int baseChannels, double width) => Math.Max(1, (long)Math.Round(baseChannels * width));

    private static Module<Tensor, Tensor>[] StageBlocks(
        ResidualBlockKind kind, long inChannels, long planes, int blocks, long stride, ResidualBlockOptions options)
    {
        var expansion = kind == ResidualBlockKind.Bottleneck ? Bottleneck.Expansion : 1;
        var stage = new Module<Tensor, Tensor>[blocks];
        stage[0] = Block(kind, inChannels, planes, stride, firstOfStage: true, options);
        for (var i = 1; i < blocks; i++)
            stage[i] = Block(kind, planes * expansion, planes, 1, firstOfStage: false, options);
        return stage;
    }

    private static Module<Tensor, Tensor> Block(
        ResidualBlockKind kind, long inChannels, long planes, long stride, bool firstOfStage, ResidualBlockOptions options) => kind switch
    {
        ResidualBlockKind.Basic => new BasicBlock(inChannels, planes, stride, options),
        ResidualBlockKind.Bottleneck => new Bottleneck(inChannels, planes, stride, options),
        ResidualBlockKind.SingleConv => new SingleConvBlock(inChannels, planes, stride, projection: firstOfStage, options),
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
                case BiasFreeConvolution conv:
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
