using TorchSharp.Utils;
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
    // A field, not an auto-property: Module.to() replaces a converted parameter through the field that
    // holds it (found by ComponentName), and a property's cached object would be the disposed original.
    [ComponentName(Name = "weight")]
    private readonly Parameter weight;

    protected BiasFreeConvolution(long inChannels, long outChannels, long kernelSize, long stride) : base("Conv2d")
    {
        weight = new Parameter(empty(outChannels, inChannels, kernelSize, kernelSize));
        Stride = stride;
        RegisterComponents();
    }

    public Parameter Weight => weight;
    protected long Stride { get; }

    /// <summary>
    /// The convolution as a matrix product: <paramref name="pixelRows"/> hold one row of
    /// (in channels x kernel area) input values per output pixel, in N, H, W order; the result is
    /// N x out x H x W in channels-last layout (<see cref="CpuMemoryFormat"/>).
    /// </summary>
    protected Tensor PixelProduct(Tensor pixelRows, long batch, long height, long width)
    {
        long outChannels = weight.shape[0];
        return pixelRows.matmul(weight.view(outChannels, -1).t()).view(batch, height, width, outChannels).permute(0, 3, 1, 2);
    }
}
