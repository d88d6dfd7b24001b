using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// A bias-free 1x1 convolution with the parameter layout and state-dict key of TorchSharp's Conv2d
/// (<c>weight</c>: out x in x 1 x 1). A strided one runs as subsampling followed by a stride-1
/// convolution, which is the same function: libtorch 2.10's oneDNN kills the process with SIGFPE
/// (division by zero in <c>brgemm_convolution_bwd_strided</c>'s blocking heuristic) computing the
/// input gradient of some strided 1x1 convolutions on the CPU, e.g. ResNet-50's projections at 64x64.
/// </summary>
public sealed class Convolution1x1 : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly long stride;

    public Convolution1x1(long inChannels, long outChannels, long stride) : base("Conv2d")
    {
        weight = new Parameter(empty(outChannels, inChannels, 1, 1));
        this.stride = stride;
        RegisterComponents();
    }

    public Parameter Weight => weight;

    public override Tensor forward(Tensor input)
    {
        if (stride == 1)
            return functional.conv2d(input, weight);
        using var rows = input.slice(2, 0, input.shape[2], stride);
        using var subsampled = rows.slice(3, 0, input.shape[3], stride);
        return functional.conv2d(subsampled, weight);
    }
}
