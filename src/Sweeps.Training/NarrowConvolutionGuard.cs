using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>
/// libtorch 2.10 on CPU (as shipped with TorchSharp 0.107) computes the input gradient of a 3x3
/// convolution with fewer than 16 channels wrongly: measured against a float64 transposed
/// convolution, 4-, 8- and 12-channel layers give errors of order 1 or NaN (more often with 2
/// threads than with 1), while 16 and more agree to 1e-6. Training such a model would silently
/// learn from corrupted gradients, so it is refused until a workaround is verified. The stem is
/// exempt: images need no gradient.
/// </summary>
public static class NarrowConvolutionGuard
{
    public const int MinimumChannels = 16;

    public static void ThrowIfUnsafe(nn.Module model, Device device, double width)
    {
        if (device.type != DeviceType.CPU) return;
        var narrow = model.named_modules()
            .Where(named => named.module is Conv2d && named.name != "conv1")
            .Select(named => (named.name, shape: ((Conv2d)named.module).weight!.shape))
            .FirstOrDefault(conv => Math.Min(conv.shape[0], conv.shape[1]) < MinimumChannels);
        if (narrow.name is null) return;
        throw new ArgumentException(
            $"model.width {width} gives layer '{narrow.name}' {Math.Min(narrow.shape[0], narrow.shape[1])} channels; " +
            $"libtorch 2.10 on CPU computes wrong gradients for convolutions under {MinimumChannels} channels " +
            "(see README, known problems), so this model cannot be trained on the CPU.");
    }
}
