using Sweeps.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// ImageNet ResNet (v1) with a width multiplier, named like TorchVision's so state-dict keys match
/// PyTorch (conv1, bn1, layer1..layer4, fc).
/// <para>Depths 18..200 are the standard basic/bottleneck networks (with TorchVision's shortcuts:
/// a projection only where the shape changes). Depths 2..10 are the study's reduced family, counted
/// as weighted layers on the main path (stem conv + 3x3 convs + dense). ResNet-6 is the study's
/// layers [0,0,0,0]: four stages of one single-conv block with a projection shortcut. Depths 7..10
/// follow the study's pull request (<c>model.extra_depth: basic_blocks</c>): stages 1..depth - 6 hold one
/// two-conv basic block instead, with a projection shortcut (layers [1,0,0,0] .. [1,1,1,1]); under
/// <c>identity_blocks</c> (Sweeps before issue 16) they get a second, identity-shortcut single-conv
/// block. Depths 2..5 are Sweeps' own rule, which the pull request cannot build: only the first
/// depth - 2 stages of ResNet-6 (ResNet-2 is stem + dense).</para>
/// <para>Initialisation (<c>model.initialisation</c>, <c>model.zero_init_residual</c>): see <see cref="InitializeWeights"/>.
/// Stem max-pool padding: see <see cref="StemMaxPool"/>.</para>
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
    private readonly StemMaxPool maxpool;
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

    private ResNet(Stage[] stagePlan, bool reducedFamily, ModelConfig config, int classCount, FeatureSet features)
        : base(nameof(ResNet), config.InputNormalisation)
    {
        var options = new ResidualBlockOptions(config.Skip, config.BatchNormMomentum);
        var stemChannels = ScaledChannels(64, config.Width);
        var planes = BaseStageChannels.Select(channels => ScaledChannels(channels, config.Width)).ToArray();

        conv1 = Conv2d(3, stemChannels, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = ResNetLayers.BatchNorm(stemChannels, config.BatchNormMomentum);
        relu = ReLU();
        maxpool = new StemMaxPool(config.PoolPadding);
        blocksByStage = new Module<Tensor, Tensor>[stagePlan.Length][];
        var channels = stemChannels;
        for (var stage = 0; stage < stagePlan.Length; stage++)
        {
            blocksByStage[stage] = StageBlocks(stagePlan[stage], channels, planes[stage], StageStrides[stage], reducedFamily, options);
            channels = planes[stage] * (stagePlan[stage].Kind == ResidualBlockKind.Bottleneck ? Bottleneck.Expansion : 1);
        }
        var stages = blocksByStage.Select(blocks => Sequential(blocks)).ToArray();
        layer1 = stages.ElementAtOrDefault(0);
        layer2 = stages.ElementAtOrDefault(1);
        layer3 = stages.ElementAtOrDefault(2);
        layer4 = stages.ElementAtOrDefault(3);
        dropout = Dropout(config.Dropout);
        fc = Linear(channels, classCount);
        extractEveryBlock = features == FeatureSet.Blocks;
        featureNames = FeatureNamesOf(stagePlan.Select(stage => stage.Blocks).ToArray(), extractEveryBlock);
        RegisterComponents();
        InitializeWeights(config);
    }

    /// <summary>One stage: how many blocks of which kind.</summary>
    private readonly record struct Stage(ResidualBlockKind Kind, int Blocks);

    /// <summary>The ResNet a configuration describes: depth (see <see cref="SupportedDepths"/>), width,
    /// dropout before the classifier, skip connections, BatchNorm momentum, initialisation, stem pool
    /// padding, how depths 7..10 grow, and input normalisation.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public static ResNet Create(ModelConfig config, int classCount, FeatureSet features = FeatureSet.Stages)
    {
        ModelSettings.RequirePositiveWidth(config.Width);
        ModelSettings.RequireDropoutRate(config.Dropout);
        ModelSettings.RequireClasses(classCount);
        if (!(config.BatchNormMomentum >= 0 && config.BatchNormMomentum <= 1))
            throw new ArgumentException($"model.batch_norm_momentum must be in [0, 1], got {config.BatchNormMomentum}.", nameof(config));
        if (config.Initialisation is not (ModelConfig.StudyInitialisation or ModelConfig.TorchVisionInitialisation))
            throw new ArgumentException(
                $"model.initialisation must be {ModelConfig.StudyInitialisation} or {ModelConfig.TorchVisionInitialisation}, got '{config.Initialisation}'.", nameof(config));
        return config.Depth switch
        {
            >= 2 and <= 10 => new ResNet(ReducedStages(config.Depth, config.ExtraDepth), reducedFamily: true, config, classCount, features),
            18 => new ResNet(Stages(ResidualBlockKind.Basic, [2, 2, 2, 2]), reducedFamily: false, config, classCount, features),
            34 => new ResNet(Stages(ResidualBlockKind.Basic, [3, 4, 6, 3]), reducedFamily: false, config, classCount, features),
            50 => new ResNet(Stages(ResidualBlockKind.Bottleneck, [3, 4, 6, 3]), reducedFamily: false, config, classCount, features),
            101 => new ResNet(Stages(ResidualBlockKind.Bottleneck, [3, 4, 23, 3]), reducedFamily: false, config, classCount, features),
            152 => new ResNet(Stages(ResidualBlockKind.Bottleneck, [3, 8, 36, 3]), reducedFamily: false, config, classCount, features),
            200 => new ResNet(Stages(ResidualBlockKind.Bottleneck, [3, 24, 36, 3]), reducedFamily: false, config, classCount, features),
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

    private static Stage[] Stages(ResidualBlockKind kind, int[] blocks) => blocks.Select(count => new Stage(kind, count)).ToArray();

    /// <summary>Depth 2..10: stem and dense count 2, each single-conv block 1, a basic block 2 (see the class comment).</summary>
    /// <exception cref="ArgumentException"><paramref name="extraDepth"/> is not a known rule.</exception>
    private static Stage[] ReducedStages(int depth, string extraDepth)
    {
        var stages = Math.Min(depth - 2, StageCount);
        var deeperStages = Math.Max(depth - 6, 0);
        return extraDepth switch
        {
            ModelConfig.BasicBlocksExtraDepth => Enumerable.Range(0, stages)
                .Select(stage => new Stage(stage < deeperStages ? ResidualBlockKind.Basic : ResidualBlockKind.SingleConv, 1)).ToArray(),
            ModelConfig.IdentityBlocksExtraDepth => Enumerable.Range(0, stages)
                .Select(stage => new Stage(ResidualBlockKind.SingleConv, stage < deeperStages ? 2 : 1)).ToArray(),
            _ => throw new ArgumentException(
                $"model.extra_depth must be {ModelConfig.BasicBlocksExtraDepth} or {ModelConfig.IdentityBlocksExtraDepth}, got '{extraDepth}'.", nameof(extraDepth)),
        };
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

    /// <summary>A stage's blocks. The first carries the stride and projects: in the reduced family always
    /// (the study's code), otherwise where the shape changes (TorchVision's, so state dicts match).</summary>
    private static Module<Tensor, Tensor>[] StageBlocks(
        Stage stage, long inChannels, long planes, long stride, bool reducedFamily, ResidualBlockOptions options)
    {
        var outChannels = planes * (stage.Kind == ResidualBlockKind.Bottleneck ? Bottleneck.Expansion : 1);
        var blocks = new Module<Tensor, Tensor>[stage.Blocks];
        var firstProjects = reducedFamily || stride != 1 || inChannels != outChannels;
        blocks[0] = Block(stage.Kind, inChannels, planes, stride, firstProjects, options);
        for (var i = 1; i < stage.Blocks; i++)
            blocks[i] = Block(stage.Kind, outChannels, planes, 1, projection: false, options);
        return blocks;
    }

    private static Module<Tensor, Tensor> Block(
        ResidualBlockKind kind, long inChannels, long planes, long stride, bool projection, ResidualBlockOptions options) => kind switch
    {
        ResidualBlockKind.Basic => new BasicBlock(inChannels, planes, stride, projection, options),
        ResidualBlockKind.Bottleneck => new Bottleneck(inChannels, planes, stride, options),
        ResidualBlockKind.SingleConv => new SingleConvBlock(inChannels, planes, stride, projection, options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// BatchNorm scale 1 and shift 0, then by <c>model.initialisation</c>: the study's TensorFlow
    /// <c>variance_scaling_initializer()</c> (scale 1, fan-in, truncated normal: standard deviation
    /// sqrt(1 / fan_in) after cutting at two standard deviations) for convolutions, normal(0, 0.01)
    /// and zero bias for the dense layer; or TorchVision's Kaiming normal (fan-out) for convolutions
    /// and PyTorch's default for the dense layer. With <c>model.zero_init_residual</c> and skip
    /// connections, the last BatchNorm of every residual branch starts at scale 0 (the study's
    /// <c>init_zero=True</c>), so each block starts as its shortcut; without skip connections that
    /// would make every block output zero and stop all gradients, so it is not applied.
    /// </summary>
    private void InitializeWeights(ModelConfig config)
    {
        using var noGrad = no_grad();
        var study = config.Initialisation == ModelConfig.StudyInitialisation;
        foreach (var module in modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    InitializeConvolution(conv.weight, study);
                    break;
                case BiasFreeConvolution conv:
                    InitializeConvolution(conv.Weight, study);
                    break;
                case BatchNorm2d norm:
                    init.ones_(norm.weight);
                    init.zeros_(norm.bias);
                    break;
            }
        }
        if (study)
        {
            init.normal_(fc.weight, mean: 0, std: 0.01);
            init.zeros_(fc.bias);
        }
        if (config.ZeroInitResidual && config.Skip)
        {
            foreach (var block in modules().OfType<IResidualBlock>())
                init.zeros_(block.LastBatchNorm.weight);
        }
    }

    private static void InitializeConvolution(Tensor weight, bool study)
    {
        if (!study)
        {
            init.kaiming_normal_(weight, mode: init.FanInOut.FanOut, nonlinearity: init.NonlinearityType.ReLU);
            return;
        }
        var fanIn = weight.shape[1] * weight.shape[2] * weight.shape[3];
        var underlyingStd = Math.Sqrt(1.0 / fanIn) / TruncatedNormal.StdRatioAtTwoStd;
        TruncatedNormal.Fill(weight, underlyingStd, bound: 2 * underlyingStd);
    }
}
