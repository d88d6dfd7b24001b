using Sweeps.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Evaluation.Tests;

/// <summary>
/// Six logits from the mean (r, g, b) of the image through a fixed linear layer: r, g, b, 0.5, -r, -g.
/// Its single extraction point "means" is the N x 3 x 1 x 1 mean colour.
/// </summary>
internal sealed class FixedLinearNet : Module<Tensor, Tensor>, IFeatureClassifier
{
    private readonly Linear fc;

    public FixedLinearNet() : base(nameof(FixedLinearNet))
    {
        fc = Linear(3, 6);
        using (torch.no_grad())
        {
            fc.weight!.copy_(torch.tensor(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, -1, 0, 0, 0, -1, 0 }).reshape(6, 3));
            fc.bias!.copy_(torch.tensor(new float[] { 0, 0, 0, 0.5f, 0, 0 }));
        }
        RegisterComponents();
    }

    public IReadOnlyList<string> FeatureNames => ["means"];

    public (Tensor Logits, IReadOnlyList<Tensor> Features) ForwardWithFeatures(Tensor input)
    {
        var means = input.mean([2, 3]);
        return (fc.call(means), [means.reshape(-1, 3, 1, 1)]);
    }

    public override Tensor forward(Tensor input) => ForwardWithFeatures(input).Logits;
}
