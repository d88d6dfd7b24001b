using Sweeps.Spec;

namespace Sweeps.Models.Tests;

/// <summary>The standard ViT sizes (as Sweeps.Spec's presets set them) at a given patch size.</summary>
internal static class VitPresets
{
    public static ModelConfig Base(int patchSize) => new()
    {
        Family = "vit", Depth = 12, HiddenSize = 768, Heads = 12, MlpSize = 3072, PatchSize = patchSize,
    };

    public static ModelConfig Large(int patchSize) => new()
    {
        Family = "vit", Depth = 24, HiddenSize = 1024, Heads = 16, MlpSize = 4096, PatchSize = patchSize,
    };

    /// <summary>A ViT small enough for a forward and backward pass in a test.</summary>
    public static ModelConfig Tiny => new()
    {
        Family = "vit", Depth = 3, HiddenSize = 16, Heads = 2, MlpSize = 32, PatchSize = 8,
    };
}
