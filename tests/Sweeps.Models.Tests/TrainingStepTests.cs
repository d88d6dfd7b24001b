using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>One forward and backward pass per family at tiny sizes: finite loss and gradients everywhere.</summary>
public class TrainingStepTests
{
    public TrainingStepTests() => SingleThreadedTorch.Ensure();

    private static readonly Dictionary<string, ModelConfig> Models = new()
    {
        ["ResNet-2"] = new ModelConfig { Depth = 2, Width = 0.0625 },
        ["ResNet-7"] = new ModelConfig { Depth = 7, Width = 0.0625, Dropout = 0.2 },
        ["ResNet-18"] = new ModelConfig { Depth = 18, Width = 0.0625 },
        ["ResNet-50 without skips"] = new ModelConfig { Depth = 50, Width = 0.0625, Skip = false },
        ["ViT"] = VitPresets.Tiny with { Dropout = 0.1 },
        ["ViT without skips"] = VitPresets.Tiny with { Skip = false },
    };

    [Theory]
    [InlineData("ResNet-2")]
    [InlineData("ResNet-7")]
    [InlineData("ResNet-18")]
    [InlineData("ResNet-50 without skips")]
    [InlineData("ViT")]
    [InlineData("ViT without skips")]
    public void Forward_and_backward_give_finite_loss_and_gradients(string name)
    {
        var config = Models[name];
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        using var model = ModelFactory.Create(config, 5);
        model.train();

        var loss = nn.functional.cross_entropy(model.call(rand(4, 3, 64, 64)), tensor(new long[] { 0, 1, 2, 3 }));
        loss.backward();

        Assert.True(float.IsFinite(loss.item<float>()), $"{name}: loss {loss.item<float>()}");
        var gradients = model.named_parameters().Where(named => named.parameter.grad is not null).ToList();
        Assert.NotEmpty(gradients);
        Assert.All(gradients, named => Assert.True(named.parameter.grad!.isfinite().all().item<bool>(), $"{name}: {named.name}"));
        Assert.True(gradients.Any(named => named.parameter.grad!.abs().sum().item<float>() > 0), name);
        if (config.Skip)
            Assert.Equal(model.parameters().Count(), gradients.Count);
    }
}
