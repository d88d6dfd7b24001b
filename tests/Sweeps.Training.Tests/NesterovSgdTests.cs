using Sweeps.Models;
using Sweeps.Spec;
using TorchSharp.Modules;

namespace Sweeps.Training.Tests;

public class NesterovSgdTests
{
    public NesterovSgdTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Weight_decay_applies_to_every_parameter_except_batch_norms()
    {
        using var model = ModelFactory.Create(new ModelConfig { Depth = 6, Width = 0.125 }, 4);
        var train = new TrainConfig { WeightDecay = 5e-4, Momentum = 0.9 };

        using var optimizer = NesterovSgd.Create(model, train, 0.1);

        var groups = optimizer.ParamGroups.Cast<SGD.ParamGroup>().ToArray();
        // ResNet-6: stem conv, four 3x3 convs, four projections, fc weight and bias = 11 decayed tensors;
        // stem BN, four block BNs and four projection BNs, weight and bias each = 18 undecayed.
        Assert.Equal(2, groups.Length);
        Assert.Equal(11, groups[0].Parameters.Count());
        Assert.Equal(18, groups[1].Parameters.Count());
        Assert.Equal(5e-4, groups[0].Options.weight_decay);
        Assert.Equal(0, groups[1].Options.weight_decay);
        Assert.True(groups[0].Options.nesterov);
    }
}
