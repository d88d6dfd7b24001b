namespace Sweeps.Spec;

/// <summary>
/// <c>model.preset</c>: a sweep-file shorthand for the study's architectures. It sets family, depth
/// and (ViT) patch, hidden, heads and MLP sizes; it is not stored, the resolved fields are. Keys set
/// explicitly in the same trial win over it, wherever they are written (see <see cref="ConfigResolver"/>).
/// </summary>
internal static class ModelPresets
{
    public const string Path = "model.preset";

    /// <summary>The config paths a preset sets.</summary>
    public static readonly string[] SetPaths = ["model.family", "model.depth", "model.patch_size", "model.hidden_size", "model.heads", "model.mlp_size"];

    private static readonly Dictionary<string, Func<ModelConfig, ModelConfig>> ByName = new(StringComparer.Ordinal)
    {
        ["resnet2"] = ResNet(2), ["resnet3"] = ResNet(3), ["resnet4"] = ResNet(4), ["resnet5"] = ResNet(5),
        ["resnet6"] = ResNet(6), ["resnet7"] = ResNet(7), ["resnet8"] = ResNet(8), ["resnet9"] = ResNet(9),
        ["resnet10"] = ResNet(10), ["resnet18"] = ResNet(18), ["resnet34"] = ResNet(34), ["resnet50"] = ResNet(50),
        ["resnet101"] = ResNet(101), ["resnet152"] = ResNet(152), ["resnet200"] = ResNet(200),
        // Base: hidden 768, 12 blocks, 12 heads, MLP 3072; Large: 1024, 24, 16, 4096 (training-recipes.md).
        ["vit-b/8"] = Vit(depth: 12, patch: 8, hidden: 768, heads: 12, mlp: 3072),
        ["vit-b/4"] = Vit(depth: 12, patch: 4, hidden: 768, heads: 12, mlp: 3072),
        ["vit-l/8"] = Vit(depth: 24, patch: 8, hidden: 1024, heads: 16, mlp: 4096),
        ["vit-l/4"] = Vit(depth: 24, patch: 4, hidden: 1024, heads: 16, mlp: 4096),
    };

    public static IReadOnlyList<string> Names { get; } = ByName.Keys.ToArray();

    public static TrialConfig Apply(TrialConfig config, string name) => config with { Model = ByName[name](config.Model) };

    private static Func<ModelConfig, ModelConfig> ResNet(int depth) => model => model with { Family = "resnet", Depth = depth };

    private static Func<ModelConfig, ModelConfig> Vit(int depth, int patch, int hidden, int heads, int mlp) =>
        model => model with { Family = "vit", Depth = depth, PatchSize = patch, HiddenSize = hidden, Heads = heads, MlpSize = mlp };
}
