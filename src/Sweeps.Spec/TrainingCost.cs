namespace Sweeps.Spec;

/// <summary>
/// Estimates training compute from a configuration alone (no torch): forward FLOPs per 64x64 image,
/// counting 2 FLOPs per multiply-add of convolutions, linear layers and attention products
/// (normalisation, activations, pooling and softmax are left out: a few percent), times 3 for
/// forward + backward, times the images seen. GPU-hours divide by an assumed sustained throughput.
/// <para>ResNet: a k x k convolution from C_in to C_out channels with an H x W output costs
/// 2 k^2 C_in C_out H W. At 64x64 the stem gives 32x32, the max-pool 16x16, and stages 1..4 run at
/// 16, 8, 4, 2. Channel counts follow Sweeps.Models: max(1, round(c * width)); depths 2..10 are the
/// reduced family (first depth - 2 stages of one single-conv block with a projection shortcut; from
/// depth 7, <c>model.extra_depth</c> either makes the first depth - 6 stages one two-conv basic block
/// with a projection, or adds a second, identity single-conv block to them).</para>
/// <para>ViT with N = (64/p)^2 + 1 tokens, hidden D, MLP M, L blocks, K classes:
/// patch embedding 2 p^2 3 D (N - 1); per block 2 N (4 D^2 + 2 D M) (qkv, output and MLP
/// projections) + 4 N^2 D (scores and weighted values); head 2 D K. D = heads * max(1,
/// round(hidden_size * width / heads)) and M = max(1, round(mlp_size * width)), as Sweeps.Models builds them.</para>
/// </summary>
public static class TrainingCost
{
    /// <summary>Images in downsampled ImageNet's training set (Chrabaszcz et al. 2017).</summary>
    public const long ImageNetTrainImages = 1_281_167;

    /// <summary>Assumed sustained throughput: an A100 at 40% of its 312 TFLOP/s bf16 peak.</summary>
    public const double AssumedFlopsPerSecond = 0.4 * 312e12;

    private const int ImageSide = 64;
    private static readonly int[] StageSides = [16, 8, 4, 2];
    private static readonly int[] BaseStageChannels = [64, 128, 256, 512];

    public static double ForwardFlopsPerImage(ModelConfig model, int classCount) =>
        model.Family == "vit" ? VitFlops(model, classCount) : ResNetFlops(model, classCount);

    /// <summary>Images the trainer sees: <c>steps x batch</c> when steps are set, else <c>epochs x</c> the training set.</summary>
    public static double ImagesSeen(TrainConfig train, long trainImages) =>
        train.Steps > 0 ? (double)train.Steps * train.BatchSize : (double)train.Epochs * trainImages;

    /// <summary>Forward + backward FLOPs of a whole training run.</summary>
    public static double TrainingFlops(TrialConfig config, long trainImages, int classCount) =>
        3 * ForwardFlopsPerImage(config.Model, classCount) * ImagesSeen(config.Train, trainImages);

    public static double GpuHours(TrialConfig config, long trainImages, int classCount) =>
        TrainingFlops(config, trainImages, classCount) / AssumedFlopsPerSecond / 3600;

    private static double Conv(int kernel, long inChannels, long outChannels, int side) =>
        2.0 * kernel * kernel * inChannels * outChannels * side * side;

    private static long Scaled(int channels, double width) => Math.Max(1, (long)Math.Round(channels * width));

    private static double ResNetFlops(ModelConfig model, int classCount)
    {
        var stem = Scaled(64, model.Width);
        var flops = Conv(7, 3, stem, ImageSide / 2);
        var channels = stem;
        var blocks = BlocksPerStage(model.Depth, model.ExtraDepth);
        for (var stage = 0; stage < blocks.Length; stage++)
        {
            var planes = Scaled(BaseStageChannels[stage], model.Width);
            var side = StageSides[stage];
            var inputSide = stage == 0 ? side : StageSides[stage - 1];
            for (var block = 0; block < blocks[stage].Count; block++)
            {
                var (blockFlops, outChannels) = BlockFlops(blocks[stage].Kind, channels, planes, side, block == 0 ? inputSide : side, isFirst: block == 0);
                flops += blockFlops;
                channels = outChannels;
            }
        }
        return flops + 2.0 * channels * classCount;
    }

    private enum BlockKind { SingleConv, ReducedBasic, Basic, Bottleneck }

    private static (BlockKind Kind, int Count)[] BlocksPerStage(int depth, string extraDepth) => depth switch
    {
        <= 10 when extraDepth == ModelConfig.BasicBlocksExtraDepth =>
            Enumerable.Range(0, Math.Min(depth - 2, 4)).Select(stage => (stage < depth - 6 ? BlockKind.ReducedBasic : BlockKind.SingleConv, 1)).ToArray(),
        <= 10 => Enumerable.Range(0, Math.Min(depth - 2, 4)).Select(stage => (BlockKind.SingleConv, stage < depth - 6 ? 2 : 1)).ToArray(),
        18 => Stages(BlockKind.Basic, [2, 2, 2, 2]),
        34 => Stages(BlockKind.Basic, [3, 4, 6, 3]),
        50 => Stages(BlockKind.Bottleneck, [3, 4, 6, 3]),
        101 => Stages(BlockKind.Bottleneck, [3, 4, 23, 3]),
        152 => Stages(BlockKind.Bottleneck, [3, 8, 36, 3]),
        200 => Stages(BlockKind.Bottleneck, [3, 24, 36, 3]),
        _ => throw new ArgumentException($"No ResNet of depth {depth}.", nameof(depth)),
    };

    private static (BlockKind, int)[] Stages(BlockKind kind, int[] counts) => counts.Select(count => (kind, count)).ToArray();

    /// <summary>
    /// One block's FLOPs and output channels. Reduced-family blocks project in the first block of a
    /// stage; the others project wherever the shape changes.
    /// </summary>
    private static (double Flops, long OutChannels) BlockFlops(BlockKind kind, long inChannels, long planes, int side, int inputSide, bool isFirst)
    {
        var shapeChanges = inChannels != planes || inputSide != side;
        switch (kind)
        {
            case BlockKind.SingleConv:
                return (Conv(3, inChannels, planes, side) + (isFirst ? Conv(1, inChannels, planes, side) : 0), planes);
            case BlockKind.ReducedBasic or BlockKind.Basic:
                var projection = kind == BlockKind.ReducedBasic ? isFirst : shapeChanges;
                return (Conv(3, inChannels, planes, side) + Conv(3, planes, planes, side) + (projection ? Conv(1, inChannels, planes, side) : 0), planes);
            default:
                var outChannels = 4 * planes;
                var bottleneckProjection = inChannels != outChannels || inputSide != side;
                // The 1x1 reduction runs at the input resolution; the 3x3 carries the stride.
                return (Conv(1, inChannels, planes, inputSide) + Conv(3, planes, planes, side) + Conv(1, planes, outChannels, side)
                    + (bottleneckProjection ? Conv(1, inChannels, outChannels, side) : 0), outChannels);
        }
    }

    private static double VitFlops(ModelConfig model, int classCount)
    {
        double hidden = model.Heads * Math.Max(1, (long)Math.Round(model.HiddenSize * model.Width / model.Heads));
        double mlp = Math.Max(1, (long)Math.Round(model.MlpSize * model.Width));
        double patches = (ImageSide / model.PatchSize) * (ImageSide / model.PatchSize);
        var tokens = patches + 1;
        var embedding = 2.0 * model.PatchSize * model.PatchSize * 3 * hidden * patches;
        var block = 2 * tokens * (4 * hidden * hidden + 2 * hidden * mlp) + 4 * tokens * tokens * hidden;
        return embedding + model.Depth * block + 2 * hidden * classCount;
    }
}
