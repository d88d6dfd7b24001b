using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training;

public static class TrainingDevice
{
    /// <summary>The configured device; a configuration that leaves it to the worker (empty) and
    /// reaches the trainer unresolved runs on the CPU, which every build has.</summary>
    public static Device For(TrainConfig train) => device(train.Device.Length > 0 ? train.Device : "cpu");
}
