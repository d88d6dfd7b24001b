using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>ResNet-2..10: the study's ResNet-6 with stages removed (2..5) or doubled (7..10).</summary>
public class ReducedResNetTests
{
    public ReducedResNetTests() => SingleThreadedTorch.Ensure();

    private const long Stem = 7 * 7 * 3 * 64 + 2 * 64;
    private const long Classifier1000 = 512 * 1000 + 1000;

    // 3x3 conv + BN, plus the 1x1 projection + BN every stage's first block has.
    private static long ProjectedBlock(long inChannels, long outChannels) =>
        9 * inChannels * outChannels + 2 * outChannels + inChannels * outChannels + 2 * outChannels;

    private static long IdentityBlock(long channels) => 9 * channels * channels + 2 * channels;

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
    public void Depths_above_6_add_an_identity_block_to_the_first_stages()
    {
        using var resnet8 = ResNet.Create(new ModelConfig { Depth = 8 }, 1000);
        using var resnet10 = ResNet.Create(new ModelConfig { Depth = 10 }, 1000);

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
        using var model = ResNet.Create(new ModelConfig { Depth = 8, Width = 0.125 }, 10, FeatureSet.Blocks);

        Assert.Equal(["stage1.block0", "stage1.block1", "stage2.block0", "stage2.block1", "stage3.block0", "stage4.block0"],
            model.FeatureNames);
    }

    [Fact]
    public void A_trial_whose_score_layers_name_blocks_gets_block_outputs_and_otherwise_stages()
    {
        var model = new ModelConfig { Depth = 8, Width = 0.125 };
        using var byBlocks = ModelFactory.Create(new TrialConfig { Model = model, Score = new ScoreConfig { Layers = ["stage1.block1", "stage4.block0"] } }, 10);
        using var byStages = ModelFactory.Create(new TrialConfig { Model = model, Score = new ScoreConfig { Layers = ["stage1"] } }, 10);

        Assert.Contains("stage1.block1", byBlocks.FeatureNames);
        Assert.Equal(["stage1", "stage2", "stage3", "stage4"], byStages.FeatureNames);
    }
}
