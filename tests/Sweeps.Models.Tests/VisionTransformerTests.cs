using Sweeps.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

public class VisionTransformerTests
{
    public VisionTransformerTests() => SingleThreadedTorch.Ensure();

    /// <summary>Parameters of a ViT by hand: patch convolution, class token, position embeddings,
    /// per block two LayerNorms + attention (qkv and output projections) + MLP, final LayerNorm, head.</summary>
    private static long ExpectedParameters(long hidden, long mlp, long depth, long patch, long imageSize, long classes)
    {
        var tokens = (imageSize / patch) * (imageSize / patch) + 1;
        var block = 2 * 2 * hidden + (3 * hidden * hidden + 3 * hidden) + (hidden * hidden + hidden)
            + (hidden * mlp + mlp) + (mlp * hidden + hidden);
        return 3 * patch * patch * hidden + hidden + hidden + tokens * hidden + depth * block + 2 * hidden
            + hidden * classes + classes;
    }

    [Fact]
    public void ViT_B16_at_224_pixels_has_the_reference_parameter_count()
    {
        using var model = VisionTransformer.Create(VitPresets.Base(16), 1000, imageSize: 224);

        Assert.Equal(86_567_656, ExpectedParameters(768, 3072, 12, 16, 224, 1000));
        Assert.Equal(86_567_656, ParameterCount.Of(model));
    }

    [Theory]
    [InlineData(false, 8)]
    [InlineData(false, 4)]
    [InlineData(true, 8)]
    [InlineData(true, 4)]
    public void Presets_at_64_pixels_have_the_hand_computed_parameter_count(bool large, int patch)
    {
        var config = large ? VitPresets.Large(patch) : VitPresets.Base(patch);
        using var model = ModelFactory.Create(config, 1000);

        var expected = large
            ? ExpectedParameters(1024, 4096, 24, patch, 64, 1000)
            : ExpectedParameters(768, 3072, 12, patch, 64, 1000);
        Assert.Equal(expected, ParameterCount.Of(model));
    }

    [Theory]
    [InlineData(4, 257)]
    [InlineData(8, 65)]
    [InlineData(16, 17)]
    public void Token_count_is_the_patch_count_plus_the_class_token(int patch, long tokens)
    {
        using var model = VisionTransformer.Create(VitPresets.Tiny with { PatchSize = patch }, 10);

        Assert.Equal(tokens, model.TokenCount);
        Assert.Equal([1L, tokens, 16], model.state_dict()["encoder.pos_embedding"].shape);
    }

    [Theory]
    [InlineData(0.06, 768, 12, 3072, 48, 184)]   // B/8 at 6%: 768 x 0.06 / 12 = 3.84 -> 4 per head
    [InlineData(0.12, 1024, 16, 4096, 128, 492)] // L/4 at 12%: 7.68 -> 8 per head; 491.52 -> 492
    [InlineData(0.01, 768, 12, 3072, 12, 31)]    // 0.64 per head rounds to 1, never 0
    public void Width_scales_hidden_size_in_whole_heads_and_the_MLP(double width, int hidden, int heads, int mlp,
        long expectedHidden, long expectedMlp)
    {
        var config = new ModelConfig { Family = "vit", Width = width, HiddenSize = hidden, Heads = heads, MlpSize = mlp, Depth = 1 };
        using var model = VisionTransformer.Create(config, 10);
        var weights = model.state_dict();

        Assert.Equal(expectedHidden, VisionTransformer.HiddenSizeOf(config));
        Assert.Equal(expectedMlp, VisionTransformer.MlpSizeOf(config));
        Assert.Equal([3 * expectedHidden, expectedHidden], weights["encoder.layers.encoder_layer_0.self_attention.in_proj_weight"].shape);
        Assert.Equal([expectedMlp, expectedHidden], weights["encoder.layers.encoder_layer_0.mlp.0.weight"].shape);
    }

    [Fact]
    public void State_dict_keys_follow_TorchVision_naming()
    {
        using var model = VisionTransformer.Create(VitPresets.Tiny, 10);
        var keys = model.state_dict().Keys;

        Assert.Equal(
        [
            "class_token", "conv_proj.weight", "conv_proj.bias", "encoder.pos_embedding",
            "encoder.layers.encoder_layer_0.ln_1.weight", "encoder.layers.encoder_layer_0.ln_1.bias",
            "encoder.layers.encoder_layer_0.self_attention.in_proj_weight",
            "encoder.layers.encoder_layer_0.self_attention.in_proj_bias",
            "encoder.layers.encoder_layer_0.self_attention.out_proj.weight",
            "encoder.layers.encoder_layer_0.self_attention.out_proj.bias",
            "encoder.layers.encoder_layer_0.ln_2.weight", "encoder.layers.encoder_layer_0.ln_2.bias",
            "encoder.layers.encoder_layer_0.mlp.0.weight", "encoder.layers.encoder_layer_0.mlp.0.bias",
            "encoder.layers.encoder_layer_0.mlp.3.weight", "encoder.layers.encoder_layer_0.mlp.3.bias",
        ], keys.Take(16));
        Assert.Contains("encoder.layers.encoder_layer_2.mlp.3.bias", keys);
        Assert.Equal(["encoder.ln.weight", "encoder.ln.bias", "heads.head.weight", "heads.head.bias"], keys.TakeLast(4));
        Assert.DoesNotContain("input_mean", keys);
    }

    [Fact]
    public void Extraction_points_are_the_class_token_after_each_block()
    {
        using var scope = NewDisposeScope();
        using var model = (VisionTransformer)ModelFactory.Create(VitPresets.Tiny, 10, FeatureSet.Blocks);
        model.eval();
        var weights = model.state_dict();
        // The zero-initialised head would make every logit equal to its bias.
        using (no_grad())
            weights["heads.head.weight"].normal_();
        var input = rand(2, 3, 64, 64);

        var (logits, features) = model.ForwardWithFeatures(input);

        Assert.Equal(["block0", "block1", "block2"], model.FeatureNames);
        Assert.All(features, feature => Assert.Equal([2L, 16, 1, 1], feature.shape));
        Assert.False(features[0].allclose(features[1]));
        // logits = head(LayerNorm(class token after the last block)).
        var normalized = nn.functional.layer_norm(features[2].flatten(1), [16], weights["encoder.ln.weight"], weights["encoder.ln.bias"], 1e-6);
        var expected = nn.functional.linear(normalized, weights["heads.head.weight"], weights["heads.head.bias"]);
        Assert.True(logits.allclose(expected, rtol: 1e-4, atol: 1e-5));
        Assert.True(model.call(input).Equals(logits));
    }

    [Fact]
    public void Gradients_of_a_narrow_ViT_match_its_float64_copy()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var single = VisionTransformer.Create(VitPresets.Tiny with { HiddenSize = 12, Heads = 3, MlpSize = 20 }, 10);
        using var reference = VisionTransformer.Create(VitPresets.Tiny with { HiddenSize = 12, Heads = 3, MlpSize = 20 }, 10);
        reference.load_state_dict(single.state_dict());
        reference.to(float64);
        var input = rand(2, 3, 64, 64);
        var outputWeights = randn(2, 12, 1, 1);

        // The head starts at zero, so the loss reads the last class token to reach every layer before the final LayerNorm.
        (single.ForwardWithFeatures(input).Features[2] * outputWeights).sum().backward();
        (reference.ForwardWithFeatures(input.to(float64)).Features[2] * outputWeights.to(float64)).sum().backward();

        var expected = reference.named_parameters().ToDictionary(named => named.name, named => named.parameter.grad!);
        foreach (var (name, parameter) in single.named_parameters().Where(named => !named.name.StartsWith("heads.") && !named.name.StartsWith("encoder.ln.")))
        {
            var error = (parameter.grad!.to(float64) - expected[name]).abs().max().item<double>();
            var scale = expected[name].abs().max().item<double>();
            Assert.True(error <= 1e-4 * scale + 1e-6, $"{name}: error {error}, scale {scale}");
        }
    }

    [Fact]
    public void Without_skip_connections_a_block_is_its_MLP_branch_only()
    {
        using var scope = NewDisposeScope();
        using var withSkips = VisionTransformer.Create(VitPresets.Tiny, 10);
        using var withoutSkips = VisionTransformer.Create(VitPresets.Tiny with { Skip = false }, 10);
        withoutSkips.load_state_dict(withSkips.state_dict());
        withSkips.eval();
        withoutSkips.eval();
        var input = rand(2, 3, 64, 64);
        var before = withSkips.ForwardWithFeatures(input).Features[0];
        Assert.False(before.allclose(withoutSkips.ForwardWithFeatures(input).Features[0]));

        foreach (var model in new[] { withSkips, withoutSkips })
        {
            using (no_grad())
            {
                model.state_dict()["encoder.layers.encoder_layer_0.mlp.3.weight"].zero_();
                model.state_dict()["encoder.layers.encoder_layer_0.mlp.3.bias"].zero_();
            }
        }

        // A silenced MLP leaves nothing of a skip-free block, but the residual stream of a normal one.
        Assert.True(withoutSkips.ForwardWithFeatures(input).Features[0].eq(0).all().item<bool>());
        Assert.False(withSkips.ForwardWithFeatures(input).Features[0].eq(0).all().item<bool>());
        Assert.Equal(ParameterCount.Of(withSkips), ParameterCount.Of(withoutSkips));
    }

    [Fact]
    public void Settings_and_inputs_it_cannot_use_are_rejected_by_name()
    {
        using var scope = NewDisposeScope();
        var patch = Assert.Throws<ArgumentException>(() => ModelFactory.Create(VitPresets.Tiny with { PatchSize = 6 }, 10));
        var depth = Assert.Throws<ArgumentException>(() => ModelFactory.Create(VitPresets.Tiny with { Depth = 0 }, 10));
        using var model = VisionTransformer.Create(VitPresets.Tiny, 10);
        var input = Assert.Throws<ArgumentException>(() => model.call(rand(1, 3, 32, 32)));

        Assert.Contains("model.patch_size", patch.Message);
        Assert.Contains("model.depth", depth.Message);
        Assert.Contains("32x32", input.Message);
    }

    /// <summary>Patch embedding: truncated normal with standard deviation sqrt(1 / fan_in), fan-in 3 x 8 x 8 = 192: 0.072169.</summary>
    [Fact]
    public void Patch_embedding_weights_are_drawn_with_standard_deviation_sqrt_1_over_fan_in()
    {
        manual_seed(3);
        using var model = VisionTransformer.Create(VitPresets.Base(8), 10);

        var weights = model.state_dict()["conv_proj.weight"];
        Assert.InRange(weights.std().item<float>(), 0.072169 * 0.98, 0.072169 * 1.02);
        Assert.InRange(weights.mean().item<float>(), -0.001, 0.001);
    }

    /// <summary>
    /// minus_one_to_one feeds the network 2x - 1; the ImageNet-normalised twin with the same weights sees
    /// the same values when given (2x - 1) x std + mean, so their class tokens agree.
    /// </summary>
    [Fact]
    public void Minus_one_to_one_input_normalisation_feeds_the_network_2x_minus_1()
    {
        using var scope = NewDisposeScope();
        var config = VitPresets.Tiny;
        using var signed = VisionTransformer.Create(config with { InputNormalisation = ModelConfig.MinusOneToOneInputNormalisation }, 10);
        using var imagenet = VisionTransformer.Create(config with { InputNormalisation = ModelConfig.ImageNetInputNormalisation }, 10);
        imagenet.load_state_dict(signed.state_dict());
        signed.eval();
        imagenet.eval();
        var input = rand(2, 3, 64, 64);
        var mean = tensor(new[] { 0.485f, 0.456f, 0.406f }).reshape(1, 3, 1, 1);
        var std = tensor(new[] { 0.229f, 0.224f, 0.225f }).reshape(1, 3, 1, 1);

        var fromSigned = signed.ForwardWithFeatures(input).Features[0];
        var fromImagenet = imagenet.ForwardWithFeatures((2 * input - 1) * std + mean).Features[0];

        Assert.True(fromSigned.allclose(fromImagenet, rtol: 1e-4, atol: 1e-5));
        Assert.False(fromSigned.allclose(imagenet.ForwardWithFeatures(input).Features[0], rtol: 1e-4, atol: 1e-5));
    }
}
