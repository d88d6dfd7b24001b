using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// A bias-free 3x3 convolution (padding 1). libtorch 2.10 on the CPU computes wrong input gradients
/// for 3x3 convolutions under 16 channels (errors of order 1 or NaN against a float64 reference), so
/// those run as im2col (unfold) + matmul, whose gradients are exact, with a channels-last result like
/// the native kernel's (<see cref="CpuMemoryFormat"/>); every other case uses the native convolution.
/// </summary>
public sealed class Convolution3x3(long inChannels, long outChannels, long stride)
    : BiasFreeConvolution(inChannels, outChannels, kernelSize: 3, stride)
{
    /// <summary>Narrowest channel count the native CPU kernel handles correctly (measured).</summary>
    public const long NativeCpuMinimumChannels = 16;

    public override Tensor forward(Tensor input)
    {
        long outChannels = Weight.shape[0], inChannels = Weight.shape[1];
        if (input.device_type != DeviceType.CPU || Math.Min(inChannels, outChannels) >= NativeCpuMinimumChannels)
            return functional.conv2d(input, Weight, strides: [Stride, Stride], padding: [1, 1]);

        using var scope = NewDisposeScope();
        long batch = input.shape[0], height = (input.shape[2] - 1) / Stride + 1, width = (input.shape[3] - 1) / Stride + 1;
        // unfold gives N x (C·9) x positions; one row per output pixel is its transpose.
        var columns = functional.unfold(input, 3, padding: 1, stride: Stride);
        return PixelProduct(columns.transpose(1, 2), batch, height, width).MoveToOuterDisposeScope();
    }
}
