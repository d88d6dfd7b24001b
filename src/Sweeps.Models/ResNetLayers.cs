using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>The convolution and normalisation layers every ResNet block is made of.</summary>
internal static class ResNetLayers
{
    public static Convolution3x3 Conv3x3(long inChannels, long outChannels, long stride) =>
        new(inChannels, outChannels, stride);

    public static Convolution1x1 Conv1x1(long inChannels, long outChannels, long stride) =>
        new(inChannels, outChannels, stride);

    /// <summary>PyTorch-convention momentum: the study's TensorFlow decay 0.9 is 0.1 here.</summary>
    public static BatchNorm2d BatchNorm(long channels, double momentum) => BatchNorm2d(channels, eps: 1e-5, momentum: momentum);

    /// <summary>1x1 strided convolution + BN; Sequential so its keys are <c>downsample.0/1</c> as in TorchVision.</summary>
    public static Sequential Projection(long inChannels, long outChannels, long stride, double batchNormMomentum) =>
        Sequential(Conv1x1(inChannels, outChannels, stride), BatchNorm(outChannels, batchNormMomentum));
}
