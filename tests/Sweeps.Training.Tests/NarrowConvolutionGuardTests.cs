using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class NarrowConvolutionGuardTests
{
    public NarrowConvolutionGuardTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void A_model_with_convolutions_under_16_channels_is_refused_on_the_cpu_with_the_layer_named()
    {
        using var directory = new TemporaryDirectory();
        var config = new TrialConfig { Model = new ModelConfig { Depth = 6, Width = 0.125 }, Train = new TrainConfig { BatchSize = 16 } };

        var refused = Assert.Throws<ArgumentException>(() => new TrialTrainer(config, GeneratedImages.SolidColours(32, seed: 1), directory.Path));

        Assert.Contains("model.width 0.125", refused.Message);
        Assert.Contains("'layer1.0.conv1' 8 channels", refused.Message);
    }

    [Fact]
    public void Sixteen_channel_input_gradients_match_a_float64_reference_which_is_why_16_is_the_floor()
    {
        random.manual_seed(0);
        using var conv = nn.Conv2d(16, 16, 3, padding: 1, bias: false);
        using var scope = NewDisposeScope();
        var input = randn(8, 16, 16, 16).requires_grad_(true);
        var outputGradient = randn(8, 16, 16, 16);
        (conv.call(input) * outputGradient).sum().backward();

        var reference = nn.functional.conv_transpose2d(outputGradient.to(float64), conv.weight!.detach().to(float64), padding: [1, 1]);

        Assert.True((input.grad!.to(float64) - reference).abs().max().item<double>() < 1e-4);
    }
}
