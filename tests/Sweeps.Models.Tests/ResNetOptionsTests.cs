using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>Block extraction, the skip-connection switch and BatchNorm momentum.</summary>
public class ResNetOptionsTests
{
    public ResNetOptionsTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Block_outputs_are_named_per_stage_and_end_in_the_stage_outputs()
    {
        using var scope = NewDisposeScope();
        // Zero-initialised branches would make every identity block's output equal its input.
        var config = new ModelConfig { Depth = 18, Width = 0.125, ZeroInitResidual = false };
        using var stages = ResNet.Create(config, 10);
        using var blocks = (ResNet)ModelFactory.Create(config, 10, FeatureSet.Blocks);
        blocks.load_state_dict(stages.state_dict());
        stages.eval();
        blocks.eval();
        var input = rand(2, 3, 64, 64);

        var stageFeatures = stages.ForwardWithFeatures(input).Features;
        var blockFeatures = blocks.ForwardWithFeatures(input).Features;

        Assert.Equal(["stage1.block0", "stage1.block1", "stage2.block0", "stage2.block1",
            "stage3.block0", "stage3.block1", "stage4.block0", "stage4.block1"], blocks.FeatureNames);
        Assert.Equal(8, blockFeatures.Count);
        Assert.Equal([2L, 8, 16, 16], blockFeatures[0].shape);
        Assert.Equal([2L, 16, 8, 8], blockFeatures[2].shape);
        for (var stage = 0; stage < 4; stage++)
            Assert.True(stageFeatures[stage].Equals(blockFeatures[2 * stage + 1]), $"stage{stage + 1}");
        Assert.False(blockFeatures[0].Equals(blockFeatures[1]));
    }

    [Theory]
    [InlineData(6, "layer2.0.downsample.0.weight")]
    [InlineData(18, "layer2.0.downsample.0.weight")]
    [InlineData(50, "layer1.0.downsample.0.weight")]
    public void Without_skip_connections_projection_weights_no_longer_reach_the_output(int depth, string projection)
    {
        using var scope = NewDisposeScope();
        using var withSkips = ResNet.Create(new ModelConfig { Depth = depth, Width = 0.125 }, 10);
        using var withoutSkips = ResNet.Create(new ModelConfig { Depth = depth, Width = 0.125, Skip = false }, 10);
        withoutSkips.load_state_dict(withSkips.state_dict());
        withSkips.eval();
        withoutSkips.eval();
        var input = rand(2, 3, 64, 64);

        var before = withSkips.call(input);
        var beforeWithoutSkips = withoutSkips.call(input);
        using (no_grad())
        {
            withSkips.state_dict()[projection].zero_();
            withoutSkips.state_dict()[projection].zero_();
        }

        Assert.Equal(ParameterCount.Of(withSkips), ParameterCount.Of(withoutSkips));
        Assert.Equal(withSkips.state_dict().Keys, withoutSkips.state_dict().Keys);
        Assert.False(before.allclose(beforeWithoutSkips));
        Assert.False(before.allclose(withSkips.call(input)));
        Assert.True(beforeWithoutSkips.Equals(withoutSkips.call(input)));
    }

    [Fact]
    public void Identity_shortcuts_are_removed_too()
    {
        using var scope = NewDisposeScope();
        using var model = ResNet.Create(new ModelConfig { Depth = 18, Width = 0.125, Skip = false }, 10, FeatureSet.Blocks);
        model.eval();
        using (no_grad())
        {
            model.state_dict()["layer1.1.bn2.weight"].zero_();
            model.state_dict()["layer1.1.bn2.bias"].fill_(-1);
        }

        // With the shortcut gone, layer1.1 is relu(bn2(...)) = relu(-1) = 0 everywhere.
        var block = model.ForwardWithFeatures(rand(2, 3, 64, 64)).Features[1];

        Assert.True(block.eq(0).all().item<bool>());
    }

    [Fact]
    public void Batch_norm_running_statistics_move_by_the_configured_momentum()
    {
        using var scope = NewDisposeScope();
        const double momentum = 0.3;
        using var model = ResNet.Create(new ModelConfig { Depth = 2, Width = 0.125, BatchNormMomentum = momentum }, 10);
        var weights = model.state_dict();
        var input = rand(4, 3, 64, 64);
        var normalized = (input - tensor(new[] { 0.485f, 0.456f, 0.406f }).reshape(1, 3, 1, 1))
            / tensor(new[] { 0.229f, 0.224f, 0.225f }).reshape(1, 3, 1, 1);
        var stem = nn.functional.conv2d(normalized, weights["conv1.weight"], strides: [2, 2], padding: [3, 3]);

        model.train();
        model.call(input);

        // Starting from mean 0 and variance 1: new = (1 - m) * old + m * batch statistic (unbiased variance).
        var expectedMean = momentum * stem.mean([0, 2, 3]);
        var expectedVariance = (1 - momentum) + momentum * stem.var([0, 2, 3], unbiased: true);
        Assert.True(weights["bn1.running_mean"].allclose(expectedMean, rtol: 1e-4, atol: 1e-5));
        Assert.True(weights["bn1.running_var"].allclose(expectedVariance, rtol: 1e-4, atol: 1e-5));
    }
}
