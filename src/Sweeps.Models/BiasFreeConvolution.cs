using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// A square bias-free convolution with the parameter layout and state-dict key of TorchSharp's
/// Conv2d (<c>weight</c>: out x in x k x k), for the ResNet convolutions that must avoid a faulty
/// libtorch 2.10 CPU kernel (see <see cref="Convolution3x3"/> and <see cref="Convolution1x1"/>).
/// </summary>
public abstract class BiasFreeConvolution : Module<Tensor, Tensor>
{
    protected BiasFreeConvolution(long inChannels, long outChannels, long kernelSize, long stride) : base("Conv2d")
    {
        Weight = new Parameter(empty(outChannels, inChannels, kernelSize, kernelSize));
        Stride = stride;
        register_parameter("weight", Weight);
    }

    public Parameter Weight { get; }
    protected long Stride { get; }
}
