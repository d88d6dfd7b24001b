using Sweeps.Spec;

namespace Sweeps.Models;

public static class ModelFactory
{
    /// <summary>
    /// Held while a new model draws its initial weights from torch's one process-wide generator, and by
    /// whoever seeds that generator, so that a trainer's seeded draws never interleave with another
    /// thread's (models built to load a checkpoint for scoring draw too). A monitor, so it may be re-entered.
    /// </summary>
    public static readonly object GlobalGenerator = new();

    /// <summary>The untrained model a configuration describes, on the CPU, in training mode, with its
    /// default extraction points (ResNet stage outputs, ViT class tokens).</summary>
    /// <exception cref="ArgumentException">The family, depth or another setting is not supported.</exception>
    public static FeatureClassifier Create(ModelConfig config, int classCount) => Create(config, classCount, FeatureSet.Stages);

    /// <summary>The model of a trial, exposing every block output when its score layers name blocks
    /// (<c>stage2.block0</c>), else the default extraction points.</summary>
    public static FeatureClassifier Create(TrialConfig config, int classCount) =>
        Create(config.Model, classCount, config.Score.Layers.Any(layer => layer.Contains(".block", StringComparison.Ordinal)) ? FeatureSet.Blocks : FeatureSet.Stages);

    /// <summary>As <see cref="Create(ModelConfig, int)"/>, exposing the extraction points <paramref name="features"/> selects.</summary>
    public static FeatureClassifier Create(ModelConfig config, int classCount, FeatureSet features)
    {
        lock (GlobalGenerator)
        {
            return config.Family switch
            {
                "resnet" => ResNet.Create(config, classCount, features),
                "vit" => VisionTransformer.Create(config, classCount),
                _ => throw new ArgumentException($"Model family '{config.Family}' is not supported; supported families: resnet, vit.", nameof(config)),
            };
        }
    }
}
