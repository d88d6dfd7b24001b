using TorchSharp;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>ResNets run channels-last on the CPU (the oneDNN kernels that are fastest there), and the
/// gradients that layout produces agree with a float64 copy of the model, whose convolutions do not
/// go through oneDNN. BatchNorm uses its running statistics here: in training mode, normalising
/// ResNet-50's 2x2 maps over a batch of 4 amplifies float32 rounding to 40% of the largest gradient
/// in either layout (measured), which would say nothing about the convolutions.</summary>
public class ChannelsLastTests
{
    public ChannelsLastTests() => SingleThreadedTorch.Ensure();

    public static TheoryData<string, ModelConfig> Networks => new()
    {
        { "ResNet-6 with narrow and native convolutions", new ModelConfig { Depth = 6, Width = 0.25 } },
        { "ResNet-10 with projections", new ModelConfig { Depth = 10, Width = 0.125 } },
        { "ResNet-50 bottlenecks", new ModelConfig { Depth = 50, Width = 0.25 } },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_extraction_point_is_channels_last(string name, ModelConfig config)
    {
        using var model = ModelFactory.Create(config, 10);
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();

        var features = model.ForwardWithFeatures(rand(2, 3, 64, 64)).Features;

        Assert.All(features, feature => Assert.True(feature.stride(1) == 1 || feature.shape[2] * feature.shape[3] == 1,
            $"{name}: strides [{string.Join(", ", feature.stride())}]"));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Parameter_gradients_match_a_float64_copy(string name, ModelConfig config)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var model = ModelFactory.Create(config, 10);
        random.manual_seed(3);
        using var reference = ModelFactory.Create(config, 10);
        reference.to(float64);
        model.eval();
        reference.eval();
        var images = rand(4, 3, 64, 64);
        var labels = tensor(new long[] { 1, 3, 5, 7 });

        nn.functional.cross_entropy(model.call(images), labels).backward();
        nn.functional.cross_entropy(reference.call(images.to(float64)), labels).backward();

        var expected = reference.named_parameters().ToDictionary(named => named.name, named => named.parameter.grad!);
        foreach (var (parameterName, parameter) in model.named_parameters())
        {
            var want = expected[parameterName];
            double scale = want.abs().max().item<double>() + 1e-12;
            double error = (parameter.grad!.to(float64) - want).abs().max().item<double>() / scale;
            Assert.True(error < 1e-4, $"{name}: {parameterName} gradient off by {error:E2} of its largest entry");
        }
    }
}
