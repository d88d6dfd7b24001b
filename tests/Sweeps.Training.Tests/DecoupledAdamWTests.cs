using Sweeps.Models;
using Sweeps.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class DecoupledAdamWTests
{
    private static readonly TrainConfig Train = new() { Optimizer = "adamw", WeightDecay = 0.3, Momentum = 0.8, Beta2 = 0.95 };

    public DecoupledAdamWTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Weight_decay_applies_to_kernels_and_matrices_only()
    {
        using var model = ModelFactory.Create(new ModelConfig { Depth = 6, Width = 0.125 }, 4);

        using var optimizer = DecoupledAdamW.Create(model, Train, 0.1);

        var groups = optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToArray();
        // ResNet-6: stem conv, four 3x3 convs, four projections and the fc weight = 10 decayed tensors;
        // nine BatchNorms' weights and biases and the fc bias = 19 undecayed.
        Assert.Equal(10, groups[0].Parameters.Count());
        Assert.Equal(19, groups[1].Parameters.Count());
        Assert.Equal((0.3, 0.0), (groups[0].Options.weight_decay, groups[1].Options.weight_decay));
        Assert.All(groups, group => Assert.Equal((0.8, 0.95), group.Betas));
    }

    [Fact]
    public void A_vit_decays_its_six_matrices_and_kernels_but_not_its_token_or_position_embeddings()
    {
        // One block: conv_proj, packed QKV, out_proj, two MLP layers and the head are decayed.
        var config = new ModelConfig { Family = "vit", Depth = 1, HiddenSize = 16, Heads = 2, MlpSize = 32 };
        using var model = ModelFactory.Create(config, 4);
        var named = model.named_parameters().ToDictionary(parameter => parameter.name, parameter => parameter.parameter);

        using var optimizer = DecoupledAdamW.Create(model, Train, 1e-3);

        var groups = optimizer.ParamGroups.Cast<AdamW.ParamGroup>().ToArray();
        Assert.Equal(6, groups[0].Parameters.Count());
        Assert.Equal(named.Count - 6, groups[1].Parameters.Count());
        Assert.Contains(named["class_token"], groups[1].Parameters);
        Assert.Contains(named["encoder.pos_embedding"], groups[1].Parameters);
    }

    [Theory]
    [InlineData("class_token", new long[] { 1, 1, 8 }, false)]
    [InlineData("encoder.pos_embedding", new long[] { 1, 65, 8 }, false)]
    [InlineData("encoder.layers.encoder_layer_0.ln_1.weight", new long[] { 8 }, false)]
    [InlineData("conv_proj.bias", new long[] { 8 }, false)]
    [InlineData("conv_proj.weight", new long[] { 8, 3, 8, 8 }, true)]
    [InlineData("encoder.layers.encoder_layer_0.mlp.0.weight", new long[] { 32, 8 }, true)]
    public void Vit_embeddings_and_one_dimensional_parameters_are_not_decayed(string name, long[] shape, bool decayed)
    {
        using var parameter = zeros(shape);

        Assert.Equal(decayed, DecoupledAdamW.IsDecayed(name, parameter));
    }

    [Fact]
    public void The_first_step_shrinks_decayed_weights_then_moves_every_parameter_by_the_rate()
    {
        // Adam's first step moves each parameter by lr x g / |g| (bias-corrected moments = g and g^2);
        // the decoupled decay multiplies decayed ones by 1 - lr x wd = 0.97 first.
        using var layer = nn.Linear(2, 1);
        using (no_grad())
        {
            layer.weight!.copy_(tensor(new float[] { 1, -2 }).reshape(1, 2));
            layer.bias!.copy_(tensor(new float[] { 0.5f }));
        }
        using var optimizer = DecoupledAdamW.Create(layer, Train, 0.1);
        using var scope = NewDisposeScope();

        layer.call(ones(1, 2)).sum().backward();
        optimizer.step();

        var weight = layer.weight!.data<float>().ToArray();
        Assert.Equal(0.87, weight[0], precision: 6);
        Assert.Equal(-2.04, weight[1], precision: 6);
        Assert.Equal(0.4, layer.bias!.data<float>()[0], precision: 6);
    }

    [Fact]
    public void Unknown_optimizer_is_rejected_by_name()
    {
        using var layer = nn.Linear(2, 1);

        var error = Assert.Throws<ArgumentException>(() => TrainingOptimizer.Create(layer, Train with { Optimizer = "lamb" }, 0.1));

        Assert.Contains("'lamb'", error.Message);
    }
}
