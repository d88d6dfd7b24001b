using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>Convolution1x1 computes a strided 1x1 convolution without libtorch's strided kernel, whose
/// oneDNN backward kills the process (SIGFPE) for ResNet-50's projections at 64x64.</summary>
public class Convolution1x1Tests
{
    public Convolution1x1Tests() => SingleThreadedTorch.Ensure();

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(2, 7)]
    public void Output_and_gradients_match_a_float64_strided_convolution(int stride, int size)
    {
        random.manual_seed(size);
        using var convolution = new Convolution1x1(6, 10, stride);
        nn.init.normal_(convolution.Weight);
        using var scope = NewDisposeScope();
        var input = randn(3, 6, size, size).requires_grad_(true);
        var output = convolution.call(input);
        var outputGradient = randn_like(output);
        (output * outputGradient).sum().backward();

        var weight = convolution.Weight.detach().to(float64);
        var expectedOutput = nn.functional.conv2d(input.detach().to(float64), weight, strides: [stride, stride]);
        var expectedInputGradient = nn.functional.conv_transpose2d(outputGradient.to(float64), weight,
            strides: [stride, stride], output_padding: [(size - 1) % stride, (size - 1) % stride]);

        Assert.Equal(expectedOutput.shape, output.shape);
        Assert.True(MaxError(output, expectedOutput) < 1e-4, $"output error {MaxError(output, expectedOutput)}");
        Assert.True(MaxError(input.grad!, expectedInputGradient) < 1e-4, $"input gradient error {MaxError(input.grad!, expectedInputGradient)}");
    }

    [Fact]
    public void ResNet50_at_width_1_trains_a_step_on_64x64_without_killing_the_process()
    {
        using var model = ModelFactory.Create(new ModelConfig { Family = "resnet", Depth = 50, Width = 1 }, 10);
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(model.call(rand(2, 3, 64, 64)), tensor(new long[] { 1, 7 }));
        loss.backward();

        Assert.True(float.IsFinite(loss.item<float>()));
    }

    private static double MaxError(Tensor actual, Tensor expected) => (actual.to(float64) - expected).abs().max().item<double>();
}
