namespace Sweeps.Spec;

/// <summary>
/// The configuration a trial starts from, by model family. <see cref="TrialConfig"/>'s own defaults
/// are the ResNet recipe. The ViT recipe (training-recipes.md) pins only weight decay 0.3; the
/// rest is the usual ViT recipe, chosen here: AdamW (beta1 0.9, beta2 0.999), linear warmup for 5
/// epochs then cosine decay, learning rate 2.5e-4 per 256 images (1e-3 at batch 1024), 12 blocks;
/// and, as the reference ViT code feeds them, inputs scaled to [-1, 1] rather than ImageNet-normalised.
/// </summary>
internal static class FamilyDefaults
{
    public const string FamilyPath = "model.family";

    private static readonly TrialConfig ResNet = new();

    private static readonly TrialConfig Vit = new()
    {
        Model = new ModelConfig { Family = "vit", Depth = 12, InputNormalisation = ModelConfig.MinusOneToOneInputNormalisation },
        Train = new TrainConfig
        {
            Optimizer = "adamw",
            Schedule = "cosine",
            WeightDecay = 0.3,
            LearningRate = 2.5e-4,
            Momentum = 0.9,
            Beta2 = 0.999,
            WarmupEpochs = 5,
        },
    };

    public static TrialConfig For(string family) => family == "vit" ? Vit : ResNet;
}
