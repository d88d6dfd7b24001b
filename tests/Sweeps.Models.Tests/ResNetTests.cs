using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

public class ResNetTests
{
    public ResNetTests() => SingleThreadedTorch.Ensure();

    [Theory]
    [InlineData(18, 11_689_512)]
    [InlineData(34, 21_797_672)]
    [InlineData(50, 25_557_032)]
    [InlineData(101, 44_549_160)]
    [InlineData(152, 60_192_808)]
    [InlineData(200, 64_673_832)]
    public void Parameter_counts_match_TorchVision_at_1000_classes(int depth, long expected)
    {
        using var model = ResNet.Create(new ModelConfig { Depth = depth }, 1000);

        Assert.Equal(expected, ParameterCount.Of(model));
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(18, 1)]
    [InlineData(50, 4)]
    public void Stages_output_16_8_4_2_maps_at_64x64(int depth, int expansion)
    {
        using var scope = NewDisposeScope();
        using var model = ResNet.Create(new ModelConfig { Depth = depth, Width = 0.25 }, 10);
        model.eval();

        var (logits, features) = model.ForwardWithFeatures(rand(2, 3, 64, 64));

        Assert.Equal([2L, 10], logits.shape);
        Assert.Equal(["stage1", "stage2", "stage3", "stage4"], model.FeatureNames);
        Assert.Equal([2L, 16 * expansion, 16, 16], features[0].shape);
        Assert.Equal([2L, 32 * expansion, 8, 8], features[1].shape);
        Assert.Equal([2L, 64 * expansion, 4, 4], features[2].shape);
        Assert.Equal([2L, 128 * expansion, 2, 2], features[3].shape);
    }

    [Fact]
    public void Forward_gives_the_logits_of_ForwardWithFeatures()
    {
        using var scope = NewDisposeScope();
        using var model = ResNet.Create(new ModelConfig { Depth = 18, Width = 0.125, Dropout = 0.5 }, 10);
        model.eval();
        var input = rand(3, 3, 64, 64);

        Assert.True(model.call(input).Equals(model.ForwardWithFeatures(input).Logits));
    }

    [Fact]
    public void Width_multiplier_scales_every_filter_count_rounding_to_at_least_one()
    {
        using var half = ResNet.Create(new ModelConfig { Depth = 18, Width = 0.5 }, 10);
        using var tiny = ResNet.Create(new ModelConfig { Depth = 18, Width = 0.01 }, 10);
        var halfWeights = half.state_dict();
        var tinyWeights = tiny.state_dict();

        Assert.Equal([32L, 3, 7, 7], halfWeights["conv1.weight"].shape);
        Assert.Equal([64L, 32, 3, 3], halfWeights["layer2.0.conv1.weight"].shape);
        Assert.Equal([256L, 256, 3, 3], halfWeights["layer4.1.conv2.weight"].shape);
        Assert.Equal([10L, 256], halfWeights["fc.weight"].shape);
        // 64, 128, 256, 512 x 0.01 round to 1, 1, 3, 5.
        Assert.Equal([1L, 3, 7, 7], tinyWeights["conv1.weight"].shape);
        Assert.Equal([3L, 1, 3, 3], tinyWeights["layer3.0.conv1.weight"].shape);
        Assert.Equal([10L, 5], tinyWeights["fc.weight"].shape);
    }

    [Fact]
    public void State_dict_keys_follow_TorchVision_naming()
    {
        using var resnet6 = ResNet.Create(new ModelConfig { Depth = 6, Width = 0.125 }, 10);
        using var resnet18 = ResNet.Create(new ModelConfig { Depth = 18, Width = 0.125 }, 10);
        using var resnet50 = ResNet.Create(new ModelConfig { Depth = 50, Width = 0.125 }, 10);
        var keys6 = resnet6.state_dict().Keys;
        var keys18 = resnet18.state_dict().Keys;
        var keys50 = resnet50.state_dict().Keys;

        Assert.Contains("layer1.0.conv1.weight", keys6);
        Assert.Contains("layer1.0.downsample.0.weight", keys6);
        Assert.DoesNotContain("layer1.0.conv2.weight", keys6);
        Assert.Contains("bn1.num_batches_tracked", keys18);
        Assert.Contains("layer2.0.downsample.1.running_var", keys18);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys18);
        Assert.Contains("layer1.0.downsample.0.weight", keys50);
        Assert.Contains("layer3.5.conv3.weight", keys50);
        Assert.Contains("layer4.2.bn3.running_mean", keys50);
        Assert.Contains("fc.bias", keys50);
        Assert.DoesNotContain("input_mean", keys50);
    }

    [Fact]
    public void Input_normalisation_uses_the_ImageNet_statistics_kept_out_of_the_state_dict()
    {
        using var scope = NewDisposeScope();
        using var model = ResNet.Create(new ModelConfig { Depth = 6, Width = 0.125 }, 10);
        model.eval();
        var meanColour = tensor(new[] { 0.485f, 0.456f, 0.406f }).reshape(1, 3, 1, 1).expand(1, 3, 64, 64);
        var bias = model.state_dict()["fc.bias"];

        // The mean colour normalises to zero; bias-free convolutions and fresh BatchNorms keep it zero,
        // so only the classifier's bias remains.
        Assert.True(model.call(meanColour)[0].Equals(bias));
        Assert.False(model.call(meanColour + 0.1f)[0].Equals(bias));
        Assert.Equal(new[] { 0.229f, 0.224f, 0.225f }, model.get_buffer("input_std")!.data<float>().ToArray());
        Assert.DoesNotContain("input_mean", model.state_dict().Keys);
    }

    [Fact]
    public void TorchVision_initialisation_gives_convolutions_He_fan_out_and_batch_norms_unit_scale()
    {
        using var model = ResNet.Create(
            new ModelConfig { Depth = 50, Initialisation = ModelConfig.TorchVisionInitialisation, ZeroInitResidual = false }, 10);
        var weights = model.state_dict();

        // fan_out of a 3x3 conv with 512 outputs = 4608: std sqrt(2 / 4608) = 0.02083.
        Assert.Equal(Math.Sqrt(2.0 / 4608), weights["layer4.0.conv2.weight"].std().item<float>(), precision: 3);
        Assert.True(weights["layer2.1.bn2.weight"].eq(1).all().item<bool>());
        Assert.True(weights["layer2.1.bn2.bias"].eq(0).all().item<bool>());
    }

    [Fact]
    public void Factory_rejects_unknown_families_depths_and_settings_by_name()
    {
        var family = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelConfig { Family = "convnext" }, 10));
        var depth = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelConfig { Depth = 11 }, 10));
        var momentum = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelConfig { BatchNormMomentum = 1.5 }, 10));
        var dropout = Assert.Throws<ArgumentException>(() => ModelFactory.Create(new ModelConfig { Dropout = double.NaN }, 10));

        Assert.Contains("'convnext'", family.Message);
        Assert.Contains("depth 11", depth.Message);
        Assert.Contains("model.batch_norm_momentum", momentum.Message);
        Assert.Contains("model.dropout", dropout.Message);
    }
}
