using Sweeps.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Evaluation.Tests;

/// <summary>
/// A fixed network whose outputs are easy to compute by hand: "mixed" is a 1x1 convolution giving
/// (R - B, G + 0.5) at every pixel, "pooled" its spatial mean (N x 2 x 1 x 1), and the logits are the
/// mean of each input channel, so the predicted class is the brightest channel.
/// </summary>
internal sealed class ChannelMixNet : Module<Tensor, Tensor>, IFeatureClassifier
{
    private readonly Conv2d mix;

    public ChannelMixNet() : base(nameof(ChannelMixNet))
    {
        mix = Conv2d(3, 2, 1);
        using (torch.no_grad())
        {
            mix.weight!.copy_(torch.tensor(new float[] { 1, 0, -1, 0, 1, 0 }).reshape(2, 3, 1, 1));
            mix.bias!.copy_(torch.tensor(new float[] { 0, 0.5f }));
        }
        RegisterComponents();
    }

    public IReadOnlyList<string> FeatureNames => ["mixed", "pooled"];

    /// <summary>Images passed through <see cref="ForwardWithFeatures"/> so far.</summary>
    public long ImagesSeen { get; private set; }

    public (Tensor Logits, IReadOnlyList<Tensor> Features) ForwardWithFeatures(Tensor input)
    {
        ImagesSeen += input.shape[0];
        var mixed = mix.call(input);
        return (input.mean([2, 3]), [mixed, mixed.mean([2, 3], keepdim: true)]);
    }

    public override Tensor forward(Tensor input) => ForwardWithFeatures(input).Logits;
}
