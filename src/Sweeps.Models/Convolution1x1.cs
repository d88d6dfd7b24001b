using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// A bias-free 1x1 convolution. A strided one runs as subsampling followed by a stride-1
/// convolution, which is the same function: libtorch 2.10's oneDNN kills the process with SIGFPE
/// (division by zero in <c>brgemm_convolution_bwd_strided</c>'s blocking heuristic) computing the
/// input gradient of some strided 1x1 convolutions on the CPU, e.g. ResNet-50's projections at 64x64.
/// </summary>
public sealed class Convolution1x1(long inChannels, long outChannels, long stride)
    : BiasFreeConvolution(inChannels, outChannels, kernelSize: 1, stride)
{
    public override Tensor forward(Tensor input)
    {
        if (Stride == 1)
            return functional.conv2d(input, Weight);
        using var rows = input.slice(2, 0, input.shape[2], Stride);
        using var subsampled = rows.slice(3, 0, input.shape[3], Stride);
        return functional.conv2d(subsampled, Weight);
    }
}
