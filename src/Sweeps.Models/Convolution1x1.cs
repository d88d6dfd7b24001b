using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// A bias-free 1x1 convolution. A strided one subsamples first (the same function). On the CPU it is
/// a matrix product over the channels-last pixels, so no oneDNN 1x1 kernel runs: libtorch 2.10's
/// oneDNN kills the process with SIGFPE (division by zero in its brgemm blocking heuristics) in the
/// backward of strided 1x1 convolutions (ResNet-50's projections at 64x64) and in the forward of
/// channels-last 1x1 convolutions with 1,024 or more output channels on 4x4 or 2x2 maps (probed).
/// The product keeps the channels-last layout (<see cref="CpuMemoryFormat"/>) for the next layer.
/// </summary>
public sealed class Convolution1x1(long inChannels, long outChannels, long stride)
    : BiasFreeConvolution(inChannels, outChannels, kernelSize: 1, stride)
{
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var subsampled = Stride == 1
            ? input
            : input.slice(2, 0, input.shape[2], Stride).slice(3, 0, input.shape[3], Stride);
        if (input.device_type != DeviceType.CPU)
            return functional.conv2d(subsampled, Weight).MoveToOuterDisposeScope();

        // N x H x W x C: a view of channels-last storage, a copy otherwise.
        var pixels = subsampled.permute(0, 2, 3, 1).reshape(-1, subsampled.shape[1]);
        return PixelProduct(pixels, subsampled.shape[0], subsampled.shape[2], subsampled.shape[3]).MoveToOuterDisposeScope();
    }
}
