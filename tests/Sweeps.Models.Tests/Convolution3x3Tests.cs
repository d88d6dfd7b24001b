using Sweeps.Models;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>libtorch 2.10's CPU 3x3 convolution gets input gradients wrong under 16 channels;
/// Convolution3x3 must be exact there, with 1 and with 2 threads, at strides 1 and 2, from either
/// memory layout, and hand a channels-last result on.</summary>
public class Convolution3x3Tests
{
    public Convolution3x3Tests() => SingleThreadedTorch.Ensure();

    [Theory]
    [InlineData(4, 1, 1, false)]
    [InlineData(8, 1, 2, false)]
    [InlineData(8, 2, 2, true)]
    [InlineData(12, 2, 1, true)]
    [InlineData(16, 1, 2, false)]
    [InlineData(16, 2, 2, true)]
    public void Output_and_gradients_match_a_float64_reference(int channels, int stride, int threads, bool channelsLast)
    {
        try
        {
            set_num_threads(threads);
            random.manual_seed(channels);
            using var convolution = new Convolution3x3(channels, channels, stride);
            nn.init.normal_(convolution.Weight);
            using var scope = NewDisposeScope();
            var leaf = randn(16, channels, 16, 16).requires_grad_(true);
            var input = channelsLast ? CpuMemoryFormat.ChannelsLast(leaf) : leaf;
            var output = convolution.call(input);
            var outputGradient = randn_like(output);
            (output * outputGradient).sum().backward();

            var weight = convolution.Weight.detach().to(float64);
            var expectedOutput = nn.functional.conv2d(input.detach().to(float64), weight, strides: [stride, stride], padding: [1, 1]);
            var expectedInputGradient = nn.functional.conv_transpose2d(outputGradient.to(float64), weight,
                strides: [stride, stride], padding: [1, 1], output_padding: [stride - 1, stride - 1]);

            Assert.True(MaxError(output, expectedOutput) < 1e-4, $"output error {MaxError(output, expectedOutput)}");
            Assert.True(MaxError(leaf.grad!, expectedInputGradient) < 1e-4, $"input gradient error {MaxError(leaf.grad!, expectedInputGradient)}");
            if (channelsLast || channels < Convolution3x3.NativeCpuMinimumChannels)
                Assert.Equal(1, output.stride(1));
        }
        finally
        {
            set_num_threads(1);
        }
    }

    [Fact]
    public void Its_weight_has_the_state_dict_key_and_shape_of_a_torchvision_convolution()
    {
        using var model = ResNet.Create(new ModelConfig { Depth = 6, Width = 0.125 }, 10);

        var weight = model.state_dict()["layer1.0.conv1.weight"];

        Assert.Equal(new long[] { 8, 8, 3, 3 }, weight.shape);
    }

    private static double MaxError(Tensor actual, Tensor expected) => (actual.to(float64) - expected).abs().max().item<double>();
}
