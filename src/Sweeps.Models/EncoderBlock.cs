using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// Pre-norm transformer block as in TorchVision's ViT: x + dropout(attention(ln_1(x))), then
/// y + mlp(ln_2(y)) with mlp = Linear, GELU, dropout, Linear, dropout (keys mlp.0 and mlp.3).
/// Without skip connections it is mlp(ln_2(dropout(attention(ln_1(x))))).
/// </summary>
internal sealed class EncoderBlock : Module<Tensor, Tensor>
{
    public const double LayerNormEpsilon = 1e-6;

    [ComponentName(Name = "ln_1")]
    private readonly LayerNorm attentionNorm;
    [ComponentName(Name = "self_attention")]
    private readonly SelfAttention attention;
    private readonly Dropout dropout;
    [ComponentName(Name = "ln_2")]
    private readonly LayerNorm mlpNorm;
    private readonly Sequential mlp;
    private readonly bool skip;

    public EncoderBlock(long hiddenSize, long heads, long mlpSize, double dropoutRate, bool skip) : base(nameof(EncoderBlock))
    {
        attentionNorm = LayerNorm(hiddenSize, eps: LayerNormEpsilon);
        attention = new SelfAttention(hiddenSize, heads);
        dropout = Dropout(dropoutRate);
        mlpNorm = LayerNorm(hiddenSize, eps: LayerNormEpsilon);
        var expand = Linear(hiddenSize, mlpSize);
        var contract = Linear(mlpSize, hiddenSize);
        mlp = Sequential(expand, GELU(), Dropout(dropoutRate), contract, Dropout(dropoutRate));
        this.skip = skip;
        using (no_grad())
        {
            // TorchVision's MLPBlock: Xavier-uniform weights, near-zero biases.
            foreach (var linear in new[] { expand, contract })
            {
                init.xavier_uniform_(linear.weight);
                init.normal_(linear.bias, std: 1e-6);
            }
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        var attended = dropout.call(attention.call(attentionNorm.call(tokens)));
        if (skip)
            attended = attended + tokens;
        var transformed = mlp.call(mlpNorm.call(attended));
        return skip ? transformed + attended : transformed;
    }
}
