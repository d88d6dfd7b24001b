using Sweeps.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>
/// The ViT recipe's optimiser: AdamW (beta1 = momentum, beta2 = beta2) with decoupled weight decay on
/// weight matrices and kernels only: biases, norm weights (every 1-D parameter), the class token and
/// the position embeddings are not decayed, as in the reference ViT training code.
/// </summary>
public static class DecoupledAdamW
{
    /// <summary>TorchVision's names of the ViT's learned embeddings (a parameter's last name component).</summary>
    private static readonly string[] UndecayedEmbeddings = ["class_token", "pos_embedding"];

    public static AdamW Create(nn.Module model, TrainConfig train, double initialRate)
    {
        var parameters = model.named_parameters().ToList();
        var decayed = parameters.Where(named => IsDecayed(named.name, named.parameter)).Select(named => named.parameter);
        var undecayed = parameters.Where(named => !IsDecayed(named.name, named.parameter)).Select(named => named.parameter);
        AdamW.ParamGroup[] groups =
        [
            new(decayed, initialRate, train.Momentum, train.Beta2, weight_decay: train.WeightDecay),
            new(undecayed, initialRate, train.Momentum, train.Beta2, weight_decay: 0),
        ];
        return optim.AdamW(groups, initialRate, train.Momentum, train.Beta2);
    }

    internal static bool IsDecayed(string name, Tensor parameter) =>
        parameter.dim() > 1 && !UndecayedEmbeddings.Contains(name[(name.LastIndexOf('.') + 1)..]);
}
