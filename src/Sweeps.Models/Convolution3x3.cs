using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// A bias-free 3x3 convolution (padding 1) with the parameter layout and state-dict key of
/// TorchSharp's Conv2d (<c>weight</c>: out x in x 3 x 3). libtorch 2.10 on the CPU computes wrong
/// input gradients for 3x3 convolutions under 16 channels (errors of order 1 or NaN against a
/// float64 reference), so those run as im2col (unfold) + matmul, whose gradients are exact; every
/// other case uses the native convolution.
/// </summary>
public sealed class Convolution3x3 : Module<Tensor, Tensor>
{
    /// <summary>Narrowest channel count the native CPU kernel handles correctly (measured).</summary>
    public const long NativeCpuMinimumChannels = 16;

    private readonly Parameter weight;
    private readonly long stride;

    public Convolution3x3(long inChannels, long outChannels, long stride) : base("Conv2d")
    {
        weight = new Parameter(empty(outChannels, inChannels, 3, 3));
        this.stride = stride;
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor input)
    {
        long outChannels = weight.shape[0], inChannels = weight.shape[1];
        if (input.device_type != DeviceType.CPU || Math.Min(inChannels, outChannels) >= NativeCpuMinimumChannels)
            return functional.conv2d(input, weight, strides: [stride, stride], padding: [1, 1]);

        long batch = input.shape[0], height = (input.shape[2] - 1) / stride + 1, width = (input.shape[3] - 1) / stride + 1;
        var columns = functional.unfold(input, 3, padding: 1, stride: stride);
        return weight.view(outChannels, -1).matmul(columns).view(batch, outChannels, height, width);
    }
}
