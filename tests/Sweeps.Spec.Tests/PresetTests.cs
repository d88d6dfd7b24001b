using System.Text.Json.Nodes;

namespace Sweeps.Spec.Tests;

public class PresetTests
{
    private static TrialConfig Single(string baseBlock) =>
        Assert.Single(SweepFile.Parse($"name: one\nbase:\n{baseBlock}", "one.yaml").Trials).Config;

    [Theory]
    [InlineData("vit-b/8", 12, 8, 768, 12, 3072)]
    [InlineData("vit-b/4", 12, 4, 768, 12, 3072)]
    [InlineData("vit-l/8", 24, 8, 1024, 16, 4096)]
    [InlineData("vit-l/4", 24, 4, 1024, 16, 4096)]
    public void Vit_presets_set_the_standard_sizes(string preset, int depth, int patch, int hidden, int heads, int mlp)
    {
        var model = Single($"  model.preset: {preset}\n").Model;

        Assert.Equal(("vit", depth, patch, hidden, heads, mlp), (model.Family, model.Depth, model.PatchSize, model.HiddenSize, model.Heads, model.MlpSize));
    }

    [Fact]
    public void Resnet_presets_set_family_and_depth_and_are_not_stored()
    {
        var config = Single("  model.preset: resnet200\n");

        Assert.Equal(("resnet", 200), (config.Model.Family, config.Model.Depth));
        Assert.DoesNotContain("preset", JsonNode.Parse(config.ToJson())!["model"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Explicit_keys_override_the_preset_wherever_they_are_written()
    {
        var before = Single("  model.depth: 2\n  model.preset: vit-l/4\n").Model;
        var after = Single("  model.preset: vit-l/4\n  model.depth: 2\n").Model;

        Assert.Equal((2, 4, 1024), (before.Depth, before.PatchSize, before.HiddenSize));
        Assert.Equal(before, after);
    }

    [Fact]
    public void Vit_family_takes_the_vit_recipe_defaults()
    {
        var train = Single("  model.family: vit\n").Train;

        var expected = new TrainConfig
        {
            Optimizer = "adamw", Schedule = "cosine", WeightDecay = 0.3, LearningRate = 2.5e-4, Momentum = 0.9, Beta2 = 0.999, WarmupEpochs = 5,
        };
        Assert.Equal(JsonNode.Parse(new TrialConfig { Train = expected }.ToJson())!["train"]!.ToJsonString(),
            JsonNode.Parse(new TrialConfig { Train = train }.ToJson())!["train"]!.ToJsonString());
        Assert.Equal(12, Single("  model.family: vit\n").Model.Depth);
    }

    [Fact]
    public void Keys_the_user_sets_win_over_the_family_defaults()
    {
        var config = Single("  train.weight_decay: 0.05\n  model.preset: vit-b/8\n  train.optimizer: sgd\n");

        Assert.Equal((0.05, "sgd", "cosine"), (config.Train.WeightDecay, config.Train.Optimizer, config.Train.Schedule));
    }

    [Fact]
    public void An_explicit_family_beats_the_presets_family_and_picks_its_defaults()
    {
        var config = Single("  model.preset: resnet50\n  model.family: vit\n");

        Assert.Equal(("vit", 50, "adamw"), (config.Model.Family, config.Model.Depth, config.Train.Optimizer));
    }
}
