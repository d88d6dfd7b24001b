using TorchSharp;

namespace Sweeps.Evaluation.Tests;

/// <summary>Base of the torch tests: one intra-op thread, as the test machines have two cores shared by parallel tests.</summary>
public abstract class TorchTest
{
    protected TorchTest() => torch.set_num_threads(1);
}
