using Sweeps.Spec;

namespace Sweeps.Interop;

/// <summary>How a ResNet's 3x3/2 stem max-pool pads its input, as the export note reports it.</summary>
public static class PoolPadding
{
    /// <summary>One pixel on every side, PyTorch's <c>padding=1</c> (torchvision's).</summary>
    public const string Symmetric = "symmetric";

    /// <summary>The one place the export reads the model's pool padding: Sweeps.Models' ResNet pads
    /// symmetrically in every configuration today.</summary>
    public static string Of(ModelConfig model) => Symmetric;
}
