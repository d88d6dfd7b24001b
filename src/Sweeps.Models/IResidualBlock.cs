using TorchSharp.Modules;

namespace Sweeps.Models;

/// <summary>A ResNet block whose residual branch ends in a BatchNorm (the one the study starts at gamma 0).</summary>
internal interface IResidualBlock
{
    BatchNorm2d LastBatchNorm { get; }
}
