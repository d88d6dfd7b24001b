using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// Multi-head self-attention over N x T x C tokens, with the parameters, state-dict keys and
/// initialisation of PyTorch's <c>nn.MultiheadAttention</c> (<c>in_proj_weight</c> 3C x C holding
/// the query, key and value projections in that order, <c>in_proj_bias</c>, <c>out_proj</c>) and no
/// dropout on the attention weights (TorchVision's ViT default).
/// </summary>
public sealed class SelfAttention : Module<Tensor, Tensor>
{
    [ComponentName(Name = "in_proj_weight")]
    private readonly Parameter inputProjectionWeight;
    [ComponentName(Name = "in_proj_bias")]
    private readonly Parameter inputProjectionBias;
    [ComponentName(Name = "out_proj")]
    private readonly Linear outputProjection;
    private readonly long heads;

    public SelfAttention(long hiddenSize, long heads) : base(nameof(SelfAttention))
    {
        if (heads < 1 || hiddenSize % heads != 0)
            throw new ArgumentException($"{heads} attention heads cannot split a hidden size of {hiddenSize}.", nameof(heads));
        inputProjectionWeight = new Parameter(empty(3 * hiddenSize, hiddenSize));
        inputProjectionBias = new Parameter(zeros(3 * hiddenSize));
        outputProjection = Linear(hiddenSize, hiddenSize);
        this.heads = heads;
        using (no_grad())
        {
            init.xavier_uniform_(inputProjectionWeight);
            init.zeros_(outputProjection.bias);
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        long batch = tokens.shape[0], length = tokens.shape[1], hidden = tokens.shape[2], headSize = hidden / heads;
        // 3 x N x heads x T x headSize
        var projected = functional.linear(tokens, inputProjectionWeight, inputProjectionBias)
            .view(batch, length, 3, heads, headSize)
            .permute(2, 0, 3, 1, 4);
        Tensor query = projected[0], key = projected[1], value = projected[2];
        var weights = functional.softmax(query.matmul(key.transpose(-2, -1)) / Math.Sqrt(headSize), dim: -1);
        var mixed = weights.matmul(value).transpose(1, 2).reshape(batch, length, hidden);
        return outputProjection.call(mixed);
    }
}
