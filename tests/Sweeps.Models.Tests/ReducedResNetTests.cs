using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>ResNet-2..10: the study's ResNet-6 with stages removed (2..5, Sweeps' rule) or deepened
/// (7..10: the study's basic blocks, or Sweeps' earlier identity blocks).</summary>
public class ReducedResNetTests
{
    public ReducedResNetTests() => SingleThreadedTorch.Ensure();

    private const long Stem = 7 * 7 * 3 * 64 + 2 * 64;
    private const long Classifier1000 = 512 * 1000 + 1000;

    // 3x3 conv + BN, plus the 1x1 projection + BN every stage's first block has.
    private static long ProjectedBlock(long inChannels, long outChannels) =>
        9 * inChannels * outChannels + 2 * outChannels + inChannels * outChannels + 2 * outChannels;

    private static long IdentityBlock(long channels) => 9 * channels * channels + 2 * channels;

    // Two 3x3 convs + BNs, plus the 1x1 projection + BN the study gives every stage's first block.
    private static long ProjectedBasicBlock(long inChannels, long outChannels) =>
        9 * inChannels * outChannels + 2 * outChannels + 9 * outChannels * outChannels + 2 * outChannels + inChannels * outChannels + 2 * outChannels;

    private static readonly long[] StageChannels = [64, 128, 256, 512];

    /// <summary>
    /// The pull request's layers [1,0,0,0] .. [1,1,1,1]: stages 1..depth - 6 hold a projected basic
    /// block, the rest ResNet-6's projected single-conv block. ResNet-7 by hand: 2,287,656 - (36,864
    /// + 128 + 4,096 + 128) + (36,864 + 128 + 36,864 + 128 + 4,096 + 128) = 2,324,648.
    /// </summary>
    [Theory]
    [InlineData(7, 2_324_648)]
    [InlineData(8, 2_472_360)]
    [InlineData(9, 3_062_696)]
    [InlineData(10, 5_423_016)]
    public void Depths_above_6_put_a_two_conv_basic_block_in_the_first_stages(int depth, long expected)
    {
        using var model = ResNet.Create(new ModelConfig { Depth = depth }, 1000);

        var byFormula = Stem + Classifier1000;
        for (var stage = 0; stage < 4; stage++)
        {
            var inChannels = stage == 0 ? 64 : StageChannels[stage - 1];
            byFormula += stage < depth - 6 ? ProjectedBasicBlock(inChannels, StageChannels[stage]) : ProjectedBlock(inChannels, StageChannels[stage]);
        }
        Assert.Equal(expected, byFormula);
        Assert.Equal(expected, ParameterCount.Of(model));
        var keys = model.state_dict().Keys;
        Assert.Contains($"layer{depth - 6}.0.conv2.weight", keys);
        Assert.Contains($"layer{depth - 6}.0.downsample.0.weight", keys);
        Assert.DoesNotContain(keys, key => key.StartsWith("layer1.1.", StringComparison.Ordinal));
        if (depth < 10)
            Assert.DoesNotContain($"layer{depth - 5}.0.conv2.weight", keys);
    }

    [Fact]
    public void ResNet6_has_a_stem_four_single_conv_stages_with_projections_and_a_classifier()
    {
        using var model = ResNet.Create(new ModelConfig { Depth = 6 }, 1000);

        var expected = Stem + ProjectedBlock(64, 64) + ProjectedBlock(64, 128) + ProjectedBlock(128, 256) + ProjectedBlock(256, 512)
            + Classifier1000;
        Assert.Equal(expected, ParameterCount.Of(model));
        Assert.Equal(2_287_656, expected);
    }

    [Fact]
    public void Depths_below_6_drop_stages_from_the_end()
    {
        using var resnet2 = ResNet.Create(new ModelConfig { Depth = 2 }, 1000);
        using var resnet3 = ResNet.Create(new ModelConfig { Depth = 3 }, 1000);
        using var resnet5 = ResNet.Create(new ModelConfig { Depth = 5 }, 1000);

        Assert.Equal(Stem + 64 * 1000 + 1000, ParameterCount.Of(resnet2));
        Assert.Equal(74_536, ParameterCount.Of(resnet2));
        Assert.Equal(Stem + ProjectedBlock(64, 64) + 64 * 1000 + 1000, ParameterCount.Of(resnet3));
        Assert.Equal(115_752, ParameterCount.Of(resnet3));
        Assert.Equal(Stem + ProjectedBlock(64, 64) + ProjectedBlock(64, 128) + ProjectedBlock(128, 256) + 256 * 1000 + 1000,
            ParameterCount.Of(resnet5));
        Assert.Equal(["stage1", "stage2", "stage3"], resnet5.FeatureNames);
        Assert.DoesNotContain(resnet5.state_dict().Keys, key => key.StartsWith("layer4."));
    }

    [Fact]
    public void With_identity_blocks_depths_above_6_add_a_single_conv_block_to_the_first_stages()
    {
        using var resnet8 = ResNet.Create(new ModelConfig { Depth = 8, ExtraDepth = ModelConfig.IdentityBlocksExtraDepth }, 1000);
        using var resnet10 = ResNet.Create(new ModelConfig { Depth = 10, ExtraDepth = ModelConfig.IdentityBlocksExtraDepth }, 1000);

        Assert.Equal(2_287_656 + IdentityBlock(64) + IdentityBlock(128), ParameterCount.Of(resnet8));
        Assert.Equal(2_472_360, ParameterCount.Of(resnet8));
        Assert.Equal(2_287_656 + IdentityBlock(64) + IdentityBlock(128) + IdentityBlock(256) + IdentityBlock(512),
            ParameterCount.Of(resnet10));
        var keys8 = resnet8.state_dict().Keys;
        Assert.Contains("layer2.1.conv1.weight", keys8);
        Assert.DoesNotContain("layer2.1.downsample.0.weight", keys8);
        Assert.DoesNotContain("layer3.1.conv1.weight", keys8);
    }

    [Fact]
    public void ResNet2_extracts_its_stem_output_and_ResNet4_two_stages()
    {
        using var scope = NewDisposeScope();
        using var resnet2 = ResNet.Create(new ModelConfig { Depth = 2, Width = 0.25 }, 10);
        using var resnet4 = ResNet.Create(new ModelConfig { Depth = 4, Width = 0.25 }, 10);
        resnet2.eval();
        resnet4.eval();
        var input = rand(2, 3, 64, 64);

        var (logits2, features2) = resnet2.ForwardWithFeatures(input);
        var (logits4, features4) = resnet4.ForwardWithFeatures(input);

        Assert.Equal(["stem"], resnet2.FeatureNames);
        Assert.Equal([2L, 16, 16, 16], features2.Single().shape);
        Assert.Equal([2L, 10], logits2.shape);
        Assert.Equal(["stage1", "stage2"], resnet4.FeatureNames);
        Assert.Equal([2L, 32, 8, 8], features4[1].shape);
        Assert.Equal([2L, 10], logits4.shape);
    }

    [Fact]
    public void Block_extraction_names_every_block_of_ResNet8()
    {
        using var basicBlocks = ResNet.Create(new ModelConfig { Depth = 8, Width = 0.125 }, 10, FeatureSet.Blocks);
        using var identityBlocks = ResNet.Create(
            new ModelConfig { Depth = 8, Width = 0.125, ExtraDepth = ModelConfig.IdentityBlocksExtraDepth }, 10, FeatureSet.Blocks);

        Assert.Equal(["stage1.block0", "stage2.block0", "stage3.block0", "stage4.block0"], basicBlocks.FeatureNames);
        Assert.Equal(["stage1.block0", "stage1.block1", "stage2.block0", "stage2.block1", "stage3.block0", "stage4.block0"],
            identityBlocks.FeatureNames);
    }

    [Fact]
    public void A_trial_whose_score_layers_name_blocks_gets_block_outputs_and_otherwise_stages()
    {
        var model = new ModelConfig { Depth = 8, Width = 0.125, ExtraDepth = ModelConfig.IdentityBlocksExtraDepth };
        using var byBlocks = ModelFactory.Create(new TrialConfig { Model = model, Score = new ScoreConfig { Layers = ["stage1.block1", "stage4.block0"] } }, 10);
        using var byStages = ModelFactory.Create(new TrialConfig { Model = model, Score = new ScoreConfig { Layers = ["stage1"] } }, 10);

        Assert.Contains("stage1.block1", byBlocks.FeatureNames);
        Assert.Equal(["stage1", "stage2", "stage3", "stage4"], byStages.FeatureNames);
    }
}
