using Sweeps.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>The optimiser a configuration names: <c>sgd</c> (<see cref="NesterovSgd"/>) or <c>adamw</c> (<see cref="DecoupledAdamW"/>).</summary>
public static class TrainingOptimizer
{
    public static OptimizerHelper Create(nn.Module model, TrainConfig train, double initialRate) => train.Optimizer switch
    {
        "sgd" => NesterovSgd.Create(model, train, initialRate),
        "adamw" => DecoupledAdamW.Create(model, train, initialRate),
        _ => throw new ArgumentException($"Optimizer '{train.Optimizer}' is not supported; use 'sgd' or 'adamw'.", nameof(train)),
    };

    /// <summary>Sets every parameter group's rate (the schedule's value for the coming step).</summary>
    public static void SetRate(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
    }
}
