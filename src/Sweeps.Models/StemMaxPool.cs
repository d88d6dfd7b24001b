using Sweeps.Spec;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// The 3x3, stride-2 max-pool of the ResNet stem, padded as <c>model.pool_padding</c> says: TensorFlow's
/// SAME (the study's code) pads only what ceil(n / 2) outputs need, the odd pixel after (at 32x32:
/// none before, one after), so its windows start at 0, 2, 4, ...; PyTorch's symmetric padding 1 starts
/// them at -1, 1, 3, ..., one pixel earlier. Padding never wins a maximum (it is -inf).
/// </summary>
public sealed class StemMaxPool : Module<Tensor, Tensor>
{
    private const long Kernel = 3;
    private const long Stride = 2;
    private readonly bool samePadding;

    /// <exception cref="ArgumentException"><paramref name="padding"/> is neither <c>same</c> nor <c>symmetric</c>.</exception>
    public StemMaxPool(string padding) : base("MaxPool2d")
    {
        samePadding = padding switch
        {
            ModelConfig.SamePoolPadding => true,
            ModelConfig.SymmetricPoolPadding => false,
            _ => throw new ArgumentException(
                $"model.pool_padding must be {ModelConfig.SamePoolPadding} or {ModelConfig.SymmetricPoolPadding}, got '{padding}'.", nameof(padding)),
        };
    }

    public override Tensor forward(Tensor input)
    {
        if (!samePadding)
            return functional.max_pool2d(input, [Kernel, Kernel], [Stride, Stride], [1, 1]);
        var (top, bottom) = SamePadding(input.shape[2]);
        var (left, right) = SamePadding(input.shape[3]);
        using var scope = NewDisposeScope();
        var padded = functional.pad(input, [left, right, top, bottom], PaddingModes.Constant, double.NegativeInfinity);
        return functional.max_pool2d(padded, [Kernel, Kernel], [Stride, Stride]).MoveToOuterDisposeScope();
    }

    /// <summary>TensorFlow's SAME padding of one side of <paramref name="size"/> pixels: ceil(size / 2)
    /// outputs need (outputs - 1) * 2 + 3 - size pixels of padding, the odd one after.</summary>
    public static (long Before, long After) SamePadding(long size)
    {
        var outputs = (size + Stride - 1) / Stride;
        var total = Math.Max((outputs - 1) * Stride + Kernel - size, 0);
        return (total / 2, total - total / 2);
    }
}
