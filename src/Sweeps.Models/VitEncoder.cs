using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// TorchVision's ViT encoder: learned position embeddings (normal, std 0.02) added to the tokens,
/// dropout, the blocks (<c>layers.encoder_layer_i</c>), a final LayerNorm (<c>ln</c>).
/// </summary>
internal sealed class VitEncoder : Module
{
    [ComponentName(Name = "pos_embedding")]
    private readonly Parameter positionEmbedding;
    private readonly Dropout dropout;
    private readonly Sequential layers;
    private readonly LayerNorm ln;
    private readonly EncoderBlock[] blocks;

    public VitEncoder(long tokenCount, long hiddenSize, long heads, long mlpSize, int depth, double dropoutRate, bool skip)
        : base(nameof(VitEncoder))
    {
        positionEmbedding = new Parameter(empty(1, tokenCount, hiddenSize));
        dropout = Dropout(dropoutRate);
        blocks = Enumerable.Range(0, depth)
            .Select(_ => new EncoderBlock(hiddenSize, heads, mlpSize, dropoutRate, skip))
            .ToArray();
        layers = Sequential(blocks.Select((block, i) => ($"encoder_layer_{i}", (Module<Tensor, Tensor>)block)));
        ln = LayerNorm(hiddenSize, eps: EncoderBlock.LayerNormEpsilon);
        using (no_grad())
            init.normal_(positionEmbedding, std: 0.02);
        RegisterComponents();
    }

    public long TokenCount => positionEmbedding.shape[1];

    /// <summary>The normalised output tokens; adds the class token (token 0) after each block to
    /// <paramref name="classTokens"/> when given, as N x C x 1 x 1.</summary>
    public Tensor Encode(Tensor tokens, ICollection<Tensor>? classTokens)
    {
        var x = dropout.call(tokens + positionEmbedding);
        foreach (var block in blocks)
        {
            x = block.call(x);
            // A copy, so a kept feature does not pin the block's whole token tensor.
            classTokens?.Add(x.select(1, 0).clone().reshape(x.shape[0], x.shape[2], 1, 1));
        }
        return ln.call(x);
    }
}
