using Sweeps.Spec;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Sweeps.Models;

/// <summary>
/// Vision Transformer with TorchVision's structure and state-dict keys (conv_proj, class_token,
/// encoder.pos_embedding, encoder.layers.encoder_layer_i.{ln_1, self_attention, ln_2, mlp},
/// encoder.ln, heads.head) and initialisation (zero class token and head).
/// <para>Width multiplier w: hidden = heads * max(1, round(hidden_size * w / heads)), so the heads
/// always split it evenly; mlp = max(1, round(mlp_size * w)). Depth is the number of blocks.
/// Extraction points block0..block{depth-1}: the class token after each block (before the final
/// LayerNorm), N x C x 1 x 1.</para>
/// <para>Not pinned down by the study (as far as its text and code could be read), so TorchVision's
/// choices stand: dropout placement (after the embedding sum, after attention, inside the MLP) and
/// no attention-weight dropout or stochastic depth; classification from the class token rather than
/// pooled tokens, with no pre-logits layer; GELU (exact); the initialisations; LayerNorm eps 1e-6.
/// The optimiser and schedule (a training matter) are not stated either. Inputs: scaled to [-1, 1] by
/// default for ViTs, as the reference ViT code feeds them (<c>model.input_normalisation</c>).</para>
/// </summary>
public sealed class VisionTransformer : FeatureClassifier
{
    /// <summary>Side of the square images the study trains on.</summary>
    public const int DefaultImageSize = 64;

    [ComponentName(Name = "conv_proj")]
    private readonly Conv2d patchEmbedding;
    [ComponentName(Name = "class_token")]
    private readonly Parameter classToken;
    private readonly VitEncoder encoder;
    private readonly Sequential heads;
    private readonly string[] featureNames;

    private VisionTransformer(ModelConfig config, int classCount, int imageSize) : base(nameof(VisionTransformer), config.InputNormalisation)
    {
        var hiddenSize = HiddenSizeOf(config);
        var patchesPerSide = imageSize / config.PatchSize;
        patchEmbedding = Conv2d(3, hiddenSize, kernel_size: config.PatchSize, stride: config.PatchSize);
        classToken = new Parameter(zeros(1, 1, hiddenSize));
        encoder = new VitEncoder(patchesPerSide * patchesPerSide + 1, hiddenSize, config.Heads, MlpSizeOf(config),
            config.Depth, config.Dropout, config.Skip);
        var head = Linear(hiddenSize, classCount);
        heads = Sequential(("head", (Module<Tensor, Tensor>)head));
        featureNames = Enumerable.Range(0, config.Depth).Select(block => $"block{block}").ToArray();
        using (no_grad())
        {
            var fanIn = 3 * config.PatchSize * config.PatchSize;
            // TorchVision's trunc_normal_(std) keeps its default cut at +-2 (absolute).
            TruncatedNormal.Fill(patchEmbedding.weight, Math.Sqrt(1.0 / fanIn), bound: 2);
            init.zeros_(patchEmbedding.bias);
            init.zeros_(head.weight);
            init.zeros_(head.bias);
        }
        RegisterComponents();
    }

    /// <summary>The ViT a configuration describes (patch size, hidden size, heads, MLP size, depth,
    /// width, dropout, skip connections) for square RGB images of side <paramref name="imageSize"/>.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public static VisionTransformer Create(ModelConfig config, int classCount, int imageSize = DefaultImageSize)
    {
        ModelSettings.RequirePositiveWidth(config.Width);
        ModelSettings.RequireDropoutRate(config.Dropout);
        ModelSettings.RequireClasses(classCount);
        if (config.PatchSize < 1 || imageSize % config.PatchSize != 0)
            throw new ArgumentException($"model.patch_size must divide the {imageSize}-pixel image, got {config.PatchSize}.", nameof(config));
        if (config.Depth < 1)
            throw new ArgumentException($"model.depth of a ViT must be at least 1 block, got {config.Depth}.", nameof(config));
        if (config.Heads < 1)
            throw new ArgumentException($"model.heads must be at least 1, got {config.Heads}.", nameof(config));
        if (config.HiddenSize < 1 || config.MlpSize < 1)
            throw new ArgumentException(
                $"model.hidden_size and model.mlp_size must be positive, got {config.HiddenSize} and {config.MlpSize}.", nameof(config));
        return new VisionTransformer(config, classCount, imageSize);
    }

    /// <summary>Token width after the width multiplier: a multiple of the head count (see the class comment).</summary>
    public static long HiddenSizeOf(ModelConfig config) =>
        config.Heads * Math.Max(1, (long)Math.Round(config.HiddenSize * config.Width / config.Heads));

    /// <summary>MLP width after the width multiplier.</summary>
    public static long MlpSizeOf(ModelConfig config) => Math.Max(1, (long)Math.Round(config.MlpSize * config.Width));

    /// <summary>Patches plus the class token.</summary>
    public long TokenCount => encoder.TokenCount;

    public override IReadOnlyList<string> FeatureNames => featureNames;

    protected override Tensor ForwardNormalized(Tensor normalized, ICollection<Tensor>? features)
    {
        var patches = patchEmbedding.call(normalized).flatten(2).transpose(1, 2); // N x patches x C
        if (patches.shape[1] + 1 != TokenCount)
            throw new ArgumentException(
                $"This ViT expects {TokenCount - 1} patches per image; a {normalized.shape[2]}x{normalized.shape[3]} input gives {patches.shape[1]}.");
        var tokens = cat([classToken.expand(patches.shape[0], -1, -1), patches], dim: 1);
        var encoded = encoder.Encode(tokens, features);
        return heads.call(encoded.select(1, 0));
    }
}
