using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Models.Tests;

/// <summary>Convolution1x1 computes 1x1 convolutions without oneDNN's 1x1 kernels, which kill the process
/// (SIGFPE) for ResNet-50's strided projections at 64x64 and for channels-last inputs with 1,024
/// channels on 4x4 maps; its result is channels-last on the CPU.</summary>
public class Convolution1x1Tests
{
    public Convolution1x1Tests() => SingleThreadedTorch.Ensure();

    [Theory]
    [InlineData(1, 8, false)]
    [InlineData(1, 8, true)]
    [InlineData(2, 8, false)]
    [InlineData(2, 7, true)]
    public void Output_and_gradients_match_a_float64_strided_convolution(int stride, int size, bool channelsLast)
    {
        random.manual_seed(size);
        using var convolution = new Convolution1x1(6, 10, stride);
        nn.init.normal_(convolution.Weight);
        using var scope = NewDisposeScope();
        var leaf = randn(3, 6, size, size).requires_grad_(true);
        var input = channelsLast ? CpuMemoryFormat.ChannelsLast(leaf) : leaf;
        var output = convolution.call(input);
        var outputGradient = randn_like(output);
        (output * outputGradient).sum().backward();

        var weight = convolution.Weight.detach().to(float64);
        var expectedOutput = nn.functional.conv2d(input.detach().to(float64), weight, strides: [stride, stride]);
        var expectedInputGradient = nn.functional.conv_transpose2d(outputGradient.to(float64), weight,
            strides: [stride, stride], output_padding: [(size - 1) % stride, (size - 1) % stride]);

        Assert.Equal(expectedOutput.shape, output.shape);
        Assert.True(MaxError(output, expectedOutput) < 1e-4, $"output error {MaxError(output, expectedOutput)}");
        Assert.True(MaxError(leaf.grad!, expectedInputGradient) < 1e-4, $"input gradient error {MaxError(leaf.grad!, expectedInputGradient)}");
        Assert.Equal(1, output.stride(1));
    }

    [Fact]
    public void A_channels_last_input_with_1024_output_channels_on_4x4_maps_does_not_kill_the_process()
    {
        using var convolution = new Convolution1x1(256, 1024, 1);
        using var scope = NewDisposeScope();
        var output = convolution.call(CpuMemoryFormat.ChannelsLast(rand(4, 256, 4, 4)));

        Assert.Equal(new long[] { 4, 1024, 4, 4 }, output.shape);
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
