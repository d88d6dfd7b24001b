using System.Globalization;
using System.Text.Json.Nodes;
using Sweeps.Models;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

/// <summary>
/// <see cref="TrainingCost"/> estimates forward FLOPs from a configuration alone, restating the shape
/// rules of Sweeps.Models (stages, blocks, projections, width rounding, tokens); these tests hold it to
/// the multiply-adds <see cref="MultiplyAddCounter"/> counts on the built models at 64x64. Both count
/// convolutions, linear layers and attention's two token products and leave out biases, normalisation,
/// activations, softmax and pooling, so the tolerance is none: FLOPs must be exactly 2 x multiply-adds.
/// </summary>
public class TrainingCostTests
{
    private const int ClassCount = 10;
    // TrainingCost's fixed image side.
    private const int ImageSide = 64;

    public TrainingCostTests() => SingleThreadedTorch.Ensure();

    /// <summary>Every preset the sweep grammar accepts, read from its schema so that a new preset is checked too.</summary>
    public static TheoryData<string> Presets() =>
        new(JsonNode.Parse(SweepSchema.Generate())!["$defs"]!["value"]!["model.preset"]!["enum"]!.AsArray().Select(name => (string)name!));

    /// <summary>
    /// Width 1/16 keeps every preset cheap to build and run (the largest, ViT-L/4, becomes hidden 64,
    /// MLP 256, 257 tokens, 24 blocks) while keeping every stage, block, projection and token.
    /// </summary>
    [Theory]
    [MemberData(nameof(Presets))]
    public void Every_preset_costs_twice_the_multiply_adds_of_its_built_model(string preset)
    {
        var yaml = $"name: cost\nbase:\n  model.preset: {preset}\n  model.width: {(1.0 / 16).ToString(CultureInfo.InvariantCulture)}\n";
        AssertEstimateIsTwiceTheCount(SweepFile.Parse(yaml, "cost.yaml").Trials[0].Config.Model);
    }

    /// <summary>
    /// Widths whose channel counts are not whole: 0.0390625 puts the stem at 2.5 channels (round half
    /// to even gives 2, half away from zero 3), 0.3 rounds every stage; width 1 is the unscaled model.
    /// </summary>
    [Theory]
    [InlineData(2, 0.0390625)]
    [InlineData(3, 0.0390625)]
    [InlineData(7, 0.3)]
    [InlineData(10, 0.0390625)]
    [InlineData(6, 1.0)]
    [InlineData(18, 0.3)]
    [InlineData(34, 0.0390625)]
    [InlineData(50, 0.3)]
    [InlineData(101, 0.0390625)]
    public void Resnet_estimates_follow_the_built_model_at_any_width(int depth, double width) =>
        AssertEstimateIsTwiceTheCount(new ModelConfig { Family = "resnet", Depth = depth, Width = width });

    /// <summary>ResNet-7..10 as Sweeps built them before issue 16: a second, identity single-conv block per deepened stage.</summary>
    [Theory]
    [InlineData(8, 0.3)]
    [InlineData(10, 0.0390625)]
    public void Resnet_estimates_follow_identity_block_depths(int depth, double width) =>
        AssertEstimateIsTwiceTheCount(new ModelConfig { Family = "resnet", Depth = depth, Width = width, ExtraDepth = ModelConfig.IdentityBlocksExtraDepth });

    /// <summary>
    /// Hidden sizes that round to a multiple of the heads (768 x 0.06 / 12 = 3.84 per head; 0.1 gives
    /// 6.4 per head and an MLP of 307.2), other head counts, patch sizes from 4 to 32, and the
    /// unscaled ViT-B block at patch 32 (5 tokens keep it cheap).
    /// </summary>
    [Theory]
    [InlineData(1, 16, 12, 0.06)]
    [InlineData(2, 8, 12, 0.1)]
    [InlineData(3, 4, 3, 0.05)]
    [InlineData(2, 32, 12, 1.0)]
    public void Vit_estimates_follow_the_built_model_at_any_width(int depth, int patch, int heads, double width) =>
        AssertEstimateIsTwiceTheCount(new ModelConfig { Family = "vit", Depth = depth, PatchSize = patch, Heads = heads, Width = width });

    private static void AssertEstimateIsTwiceTheCount(ModelConfig config)
    {
        using var model = ModelFactory.Create(config, ClassCount);
        var multiplyAdds = MultiplyAddCounter.PerImage(model, ImageSide, CPU);

        Assert.Equal(2.0 * multiplyAdds, TrainingCost.ForwardFlopsPerImage(config, ClassCount));
    }
}
