using Sweeps.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweeps.Training;

/// <summary>
/// Multiply-adds of one forward pass, counted by forward hooks on every module that owns a weight
/// matrix or kernel: a rank-4 kernel costs (in/groups x kernel area) per output element, a rank-2
/// matrix (a linear layer, or attention's packed query/key/value projection) costs its row count per
/// input element. <see cref="SelfAttention"/> adds its two token-by-token products (2 T^2 C per
/// image). Biases, normalisation, activations, softmax and pooling are not counted.
/// </summary>
internal static class MultiplyAddCounter
{
    // Two images, halved at the end: for a single image libtorch tries NNPACK first and prints that
    // it cannot start on this CPU, once per convolution.
    private const int Images = 2;

    public static long PerImage(nn.Module<Tensor, Tensor> model, int imageSize, Device device)
    {
        long total = 0;
        var removers = new List<Action>();
        foreach (var module in model.modules().OfType<nn.Module<Tensor, Tensor>>())
        {
            var weights = module.named_parameters(recurse: false).Select(named => named.parameter)
                .Where(parameter => parameter.dim() is 2 or 4).ToArray();
            var attention = module is SelfAttention;
            if (weights.Length == 0 && !attention)
                continue;
            var hook = module.register_forward_hook((_, input, output) =>
            {
                foreach (var weight in weights)
                    total += weight.dim() == 4 ? output.numel() * (weight.numel() / weight.shape[0]) : input.numel() * weight.shape[0];
                if (attention)
                    total += 2 * input.shape[1] * input.numel();
                return output;
            });
            removers.Add(hook.remove);
        }
        var wasTraining = model.training;
        try
        {
            model.eval();
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            model.call(zeros(Images, 3, imageSize, imageSize, device: device));
        }
        finally
        {
            foreach (var remove in removers)
                remove();
            model.train(wasTraining);
        }
        return total / Images;
    }
}
