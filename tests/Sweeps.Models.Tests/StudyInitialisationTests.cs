using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>
/// The study's initialisation (tensorflow/tpu resnet_model.py): the last BatchNorm of every residual
/// branch at gamma 0 (<c>init_zero=True</c>), TF's <c>variance_scaling_initializer()</c> defaults for
/// convolutions (scale 1, fan-in, truncated normal) and normal(0, 0.01) for the dense layer.
/// </summary>
public class StudyInitialisationTests
{
    public StudyInitialisationTests() => SingleThreadedTorch.Ensure();

    /// <summary>BatchNorm scales: the only 1-D weights of a ResNet (convolutions are 4-D, the dense layer 2-D).</summary>
    private static Dictionary<string, Tensor> BatchNormScales(ResNet model) =>
        model.state_dict().Where(entry => entry.Key.EndsWith(".weight", StringComparison.Ordinal) && entry.Value.dim() == 1)
            .ToDictionary(entry => entry.Key, entry => entry.Value);

    private static void AssertZeroScalesAre(ResNet model, IReadOnlyCollection<string> expectedZero)
    {
        var scales = BatchNormScales(model);
        Assert.Equal(expectedZero.Order(), scales.Where(entry => entry.Value.count_nonzero().item<long>() == 0).Select(entry => entry.Key).Order());
        Assert.All(scales.Where(entry => !expectedZero.Contains(entry.Key)),
            entry => Assert.True(entry.Value.eq(1).all().item<bool>(), $"{entry.Key} should start at 1"));
    }

    [Fact]
    public void ResNet6_zeroes_the_only_BatchNorm_of_each_branch_but_not_the_stem_or_projections()
    {
        using var model = ResNet.Create(new ModelConfig { Depth = 6, Width = 0.25 }, 10);

        AssertZeroScalesAre(model, ["layer1.0.bn1.weight", "layer2.0.bn1.weight", "layer3.0.bn1.weight", "layer4.0.bn1.weight"]);
        Assert.Contains("layer1.0.downsample.1.weight", BatchNormScales(model).Keys);
    }

    [Fact]
    public void ResNet8_zeroes_the_second_BatchNorm_of_its_basic_blocks_and_the_only_one_of_its_single_conv_blocks()
    {
        using var model = ResNet.Create(new ModelConfig { Depth = 8, Width = 0.25 }, 10);

        AssertZeroScalesAre(model, ["layer1.0.bn2.weight", "layer2.0.bn2.weight", "layer3.0.bn1.weight", "layer4.0.bn1.weight"]);
    }

    [Theory]
    [InlineData(18, new[] { 2, 2, 2, 2 }, "bn2")]
    [InlineData(50, new[] { 3, 4, 6, 3 }, "bn3")]
    public void Standard_depths_zero_the_last_BatchNorm_of_every_block(int depth, int[] blocksPerStage, string last)
    {
        using var model = ResNet.Create(new ModelConfig { Depth = depth, Width = 0.125 }, 10);

        var expected = blocksPerStage.SelectMany((blocks, stage) => Enumerable.Range(0, blocks).Select(block => $"layer{stage + 1}.{block}.{last}.weight")).ToList();
        AssertZeroScalesAre(model, expected);
    }

    [Fact]
    public void Switched_off_or_without_skip_connections_every_BatchNorm_starts_at_1()
    {
        using var switchedOff = ResNet.Create(new ModelConfig { Depth = 18, Width = 0.125, ZeroInitResidual = false }, 10);
        using var withoutSkips = ResNet.Create(new ModelConfig { Depth = 18, Width = 0.125, Skip = false }, 10);

        AssertZeroScalesAre(switchedOff, []);
        AssertZeroScalesAre(withoutSkips, []);
    }

    [Fact]
    public void A_zero_initialised_identity_block_starts_as_its_shortcut()
    {
        using var scope = NewDisposeScope();
        using var model = (ResNet)ModelFactory.Create(new ModelConfig { Depth = 18, Width = 0.125 }, 10, FeatureSet.Blocks);
        model.eval();

        var features = model.ForwardWithFeatures(rand(2, 3, 64, 64)).Features;

        // stage1.block1 adds a zero branch to its (non-negative, post-ReLU) input, and ReLU keeps it.
        Assert.True(features[1].Equals(features[0]));
    }

    /// <summary>
    /// ResNet-18's layer4.0.conv2 (512 x 512 x 3 x 3, 2.4 million weights): fan-in 4608, so the
    /// truncated normal's standard deviation is 1 / sqrt(4608) = 0.014731 and no weight exceeds two
    /// standard deviations of the underlying normal, 2 x 0.014731 / 0.879626 = 0.033495. The stem
    /// (64 x 3 x 7 x 7, fan-in 147): 1 / sqrt(147) = 0.082479. Dense: 0.01, bias 0.
    /// </summary>
    [Fact]
    public void Study_initialisation_matches_TensorFlow_variance_scaling_and_a_0_01_dense_layer()
    {
        manual_seed(7);
        using var model = ResNet.Create(new ModelConfig { Depth = 18 }, 1000);
        var weights = model.state_dict();

        var conv = weights["layer4.0.conv2.weight"];
        Assert.InRange(conv.std().item<float>(), 0.014731 * 0.99, 0.014731 * 1.01);
        Assert.InRange(conv.mean().item<float>(), -5e-5, 5e-5);
        Assert.InRange(conv.abs().max().item<float>(), 0.0330, 0.033495);
        Assert.InRange(weights["conv1.weight"].std().item<float>(), 0.082479 * 0.97, 0.082479 * 1.03);
        Assert.InRange(weights["fc.weight"].std().item<float>(), 0.0099, 0.0101);
        Assert.Equal(0, weights["fc.bias"].count_nonzero().item<long>());
    }

    /// <summary>Kaiming normal, fan-out: layer4.0.conv2 has fan-out 4608, so sqrt(2 / 4608) = 0.020833, untruncated.</summary>
    [Fact]
    public void TorchVision_initialisation_keeps_Kaiming_fan_out()
    {
        manual_seed(7);
        using var model = ResNet.Create(new ModelConfig { Depth = 18, Initialisation = ModelConfig.TorchVisionInitialisation }, 1000);

        var conv = model.state_dict()["layer4.0.conv2.weight"];
        Assert.InRange(conv.std().item<float>(), 0.020833 * 0.99, 0.020833 * 1.01);
        Assert.True(conv.abs().max().item<float>() > 2 * 0.020833 / TruncatedNormal.StdRatioAtTwoStd, "an untruncated normal exceeds the study's cut");
    }
}
