using Sweeps.Spec;

namespace Sweeps.Models;

public static class ModelFactory
{
    /// <summary>The untrained model a configuration describes, on the CPU, in training mode.</summary>
    /// <exception cref="ArgumentException">The family, depth or another setting is not supported.</exception>
    public static FeatureClassifier Create(ModelConfig config, int classCount) => config.Family switch
    {
        "resnet" => ResNet.Create(config.Depth, config.Width, config.Dropout, classCount),
        _ => throw new ArgumentException($"Model family '{config.Family}' is not supported; supported families: resnet.", nameof(config)),
    };
}
