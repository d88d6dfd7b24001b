using Sweeps.Faults;
using Sweeps.Spec;

namespace Sweeps.Interop;

/// <summary>
/// The ResNets torchvision builds (<c>torchvision.models.resnetNN</c>). Sweeps.Models names its ResNet
/// modules like torchvision's, so at these depths and width 1 the two state_dicts have the same keys
/// and shapes; the settings below say where the same weights still compute something else.
/// </summary>
public static class TorchvisionResNets
{
    public static readonly IReadOnlyList<int> Depths = [18, 34, 50, 101, 152];

    public static IReadOnlyList<string> Names { get; } = Depths.Select(NameOf).ToArray();

    public static string NameOf(int depth) => $"resnet{depth}";

    /// <summary>The depth of <c>resnetNN</c>.</summary>
    /// <exception cref="PyTorchFileException">Not one of <see cref="Names"/>.</exception>
    public static int DepthOf(string architecture, string path)
    {
        var index = Names.ToList().IndexOf(architecture);
        return index >= 0
            ? Depths[index]
            : throw new PyTorchFileException(FaultKind.Configuration, path,
                $"--arch {architecture} is not a torchvision ResNet; use one of {string.Join(", ", Names)}.");
    }

    /// <summary>Why the state_dict of <paramref name="model"/> does not load into torchvision's ResNet of
    /// its depth (key names or shapes differ); empty when it loads with <c>strict=True</c>.</summary>
    public static IReadOnlyList<string> LayoutDifferences(ModelConfig model)
    {
        if (model.Family != "resnet")
            return [$"model.family {model.Family}: torchvision has no such model with these key names"];
        var differences = new List<string>();
        if (!Depths.Contains(model.Depth))
            differences.Add($"model.depth {model.Depth}: torchvision builds ResNets of depth {string.Join(", ", Depths)} only");
        if (model.Width != 1)
            differences.Add($"model.width {model.Width}: channel counts differ from torchvision's (width 1)");
        return differences;
    }

    /// <summary>Why torchvision's ResNet with these weights would compute other outputs even though the
    /// state_dict loads (same keys and shapes); empty when it computes the same.</summary>
    public static IReadOnlyList<string> ComputeDifferences(ModelConfig model)
    {
        var differences = new List<string>();
        if (!model.Skip)
            differences.Add("model.skip false: the blocks have no shortcut, torchvision's add one");
        if (model.PoolPadding != ModelConfig.SymmetricPoolPadding)
            differences.Add($"model.pool_padding {model.PoolPadding}: the stem max-pool windows sit one pixel from torchvision's (padding=1 on both sides)");
        return differences;
    }
}
