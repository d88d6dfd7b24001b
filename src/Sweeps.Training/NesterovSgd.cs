using Sweeps.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>The study's optimiser: SGD with Nesterov momentum, L2 weight decay on every parameter except BatchNorm's.</summary>
public static class NesterovSgd
{
    public static SGD Create(nn.Module model, TrainConfig train, double initialRate)
    {
        var batchNormParameters = model.named_modules()
            .Where(named => named.module is BatchNorm2d)
            .SelectMany(named => named.module.named_parameters().Select(parameter => $"{named.name}.{parameter.name}"))
            .ToHashSet();
        var parameters = model.named_parameters().ToList();
        var decayed = parameters.Where(named => !batchNormParameters.Contains(named.name)).Select(named => named.parameter);
        var undecayed = parameters.Where(named => batchNormParameters.Contains(named.name)).Select(named => named.parameter);
        // PyTorch rejects Nesterov without momentum.
        var nesterov = train.Momentum > 0;
        SGD.ParamGroup[] groups =
        [
            new(decayed, initialRate, train.Momentum, weight_decay: train.WeightDecay, nesterov: nesterov),
            new(undecayed, initialRate, train.Momentum, weight_decay: 0, nesterov: nesterov),
        ];
        return optim.SGD(groups, initialRate, train.Momentum, nesterov: nesterov);
    }
}
