using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sweeps.Spec;

/// <summary>
/// The fully resolved configuration of one trial: every value the trial uses, so that it can be
/// re-run from this alone. Identity is <see cref="Hash"/>, not record equality (arrays compare by
/// reference). Serialised as snake_case JSON; the same keys are the dotted paths a sweep file
/// varies (<c>model.width</c>, <c>train.weight_decay</c>, ...). The property defaults are the
/// ResNet recipe; the sweep reader applies the ViT recipe's defaults when <c>model.family</c> is <c>vit</c>.
/// </summary>
public sealed record TrialConfig
{
    public ModelConfig Model { get; init; } = new();
    public DataConfig Data { get; init; } = new();
    public TrainConfig Train { get; init; } = new();
    public CheckpointConfig Checkpoint { get; init; } = new();
    public ScoreConfig Score { get; init; } = new();

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>Canonical JSON: fixed property order and formatting, so equal configs give equal text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The JSON that is hashed: <see cref="JsonOptions"/> without keys at their legacy value (<see cref="LegacyKeys"/>).</summary>
    private static readonly JsonSerializerOptions IdentityJsonOptions = new(JsonOptions)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LegacyKeys.OmitLegacyValues } },
    };

    /// <summary>A stored configuration; keys it lacks take their defaults, except keys added since it
    /// could have been stored, which take the value that meant what it was trained as (<see cref="LegacyKeys"/>).</summary>
    public static TrialConfig FromJson(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject stored)
            throw new JsonException("A trial configuration was empty or not a JSON object.");
        LegacyKeys.FillMissing(stored);
        return stored.Deserialize<TrialConfig>(JsonOptions) ?? throw new JsonException("A trial configuration was empty.");
    }

    /// <summary>Stable identity of the configuration: SHA-256 of the canonical JSON, lower-case hex.
    /// The device is left out: where a trial ran does not change what it is, so a trial and its
    /// checkpoints keep their identity when another box (or setting) resumes it. So are keys added
    /// since trials were first stored while they hold the value that meant the old behaviour, so a
    /// trial those keys do not change keeps the hash it had (<see cref="LegacyKeys"/>).</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        JsonSerializer.Serialize(this with { Train = Train with { Device = "" } }, IdentityJsonOptions))));

    /// <summary>This configuration with an empty device replaced by <paramref name="defaultDevice"/>.</summary>
    public TrialConfig OnDevice(string defaultDevice) =>
        Train.Device.Length > 0 ? this : this with { Train = Train with { Device = defaultDevice } };
}

public sealed record ModelConfig
{
    /// <summary><c>resnet</c> or <c>vit</c>.</summary>
    public string Family { get; init; } = "resnet";
    /// <summary>ResNet: 2..10 (reduced ResNet-6 family), 18, 34, 50, 101, 152, 200. ViT: number of encoder blocks.</summary>
    public int Depth { get; init; } = 18;
    /// <summary>Multiplier on every filter count (ResNet: 1 = 64/128/256/512; ViT: on hidden and MLP size).</summary>
    public double Width { get; init; } = 1.0;
    /// <summary>Dropout probability (ResNet: right before the classifier; ViT: in the encoder, as in the reference ViT). 0 = off.</summary>
    public double Dropout { get; init; }
    /// <summary>False removes every residual connection (the study's skip-connection ablation).</summary>
    public bool Skip { get; init; } = true;
    /// <summary>BatchNorm running-statistics momentum in PyTorch's convention (TF's 0.9 = 0.1 here). ResNet only.</summary>
    public double BatchNormMomentum { get; init; } = 0.1;
    /// <summary>ViT patch side in pixels; must divide the 64-pixel image.</summary>
    public int PatchSize { get; init; } = 8;
    /// <summary>ViT hidden size before the width multiplier (Base 768, Large 1024).</summary>
    public int HiddenSize { get; init; } = 768;
    /// <summary>ViT attention heads (Base 12, Large 16).</summary>
    public int Heads { get; init; } = 12;
    /// <summary>ViT MLP size before the width multiplier (Base 3072, Large 4096).</summary>
    public int MlpSize { get; init; } = 3072;
    /// <summary>ResNet: start the last BatchNorm of every residual branch at gamma 0, as the study's
    /// code does (<c>init_zero=True</c>), so every block starts as its shortcut. Only with skip connections.</summary>
    public bool ZeroInitResidual { get; init; } = true;
    /// <summary>ResNet weight initialisation: <see cref="StudyInitialisation"/> or <see cref="TorchVisionInitialisation"/>.</summary>
    public string Initialisation { get; init; } = StudyInitialisation;
    /// <summary>ResNet stem max-pool padding: <see cref="SamePoolPadding"/> or <see cref="SymmetricPoolPadding"/>.</summary>
    public string PoolPadding { get; init; } = SamePoolPadding;
    /// <summary>How ResNet-7..10 are deeper than ResNet-6: <see cref="BasicBlocksExtraDepth"/> or <see cref="IdentityBlocksExtraDepth"/>.</summary>
    public string ExtraDepth { get; init; } = BasicBlocksExtraDepth;
    /// <summary>How RGB in [0, 1] is normalised before the network: <see cref="ImageNetInputNormalisation"/>
    /// (the ResNet default) or <see cref="MinusOneToOneInputNormalisation"/> (the ViT default).</summary>
    public string InputNormalisation { get; init; } = ImageNetInputNormalisation;

    /// <summary>The study's: TensorFlow's <c>variance_scaling_initializer()</c> defaults for convolutions
    /// (truncated normal, scale 1, fan-in: standard deviation sqrt(1 / fan_in) after truncation at two
    /// standard deviations) and a normal with standard deviation 0.01 and zero bias for the dense layer.</summary>
    public const string StudyInitialisation = "study";
    /// <summary>TorchVision's: Kaiming normal, fan-out, for convolutions; PyTorch's default for the dense layer.</summary>
    public const string TorchVisionInitialisation = "torchvision";
    /// <summary>TensorFlow's SAME padding, as the study's code: only what the output size needs, the odd
    /// pixel at the right and bottom (at 32x32, nothing left and top, one pixel right and bottom).</summary>
    public const string SamePoolPadding = "same";
    /// <summary>PyTorch's <c>padding=1</c>: one pixel on every side.</summary>
    public const string SymmetricPoolPadding = "symmetric";
    /// <summary>The study's pull-request mechanism: stages 1..depth - 6 hold one two-convolution basic block
    /// (layers [1,0,0,0] .. [1,1,1,1]), each first block of a stage with a projection shortcut.</summary>
    public const string BasicBlocksExtraDepth = "basic_blocks";
    /// <summary>Sweeps' rule before issue 16: stages 1..depth - 6 get a second, identity-shortcut single-convolution block.</summary>
    public const string IdentityBlocksExtraDepth = "identity_blocks";
    /// <summary>Subtract the ImageNet channel means (0.485, 0.456, 0.406), divide by the standard deviations (0.229, 0.224, 0.225).</summary>
    public const string ImageNetInputNormalisation = "imagenet";
    /// <summary>2x - 1: inputs in [-1, 1], as the reference ViT code feeds them.</summary>
    public const string MinusOneToOneInputNormalisation = "minus_one_to_one";
}

public sealed record DataConfig
{
    /// <summary>Training images: a downsampled-ImageNet npz/pickle folder, an image folder, or a prepared (packed) folder. Relative paths resolve against the data root setting.</summary>
    public string Train { get; init; } = "demo/imagenet64";
    /// <summary>Validation images, in any supported layout (also the annotation-file layout of Tiny ImageNet's val set).</summary>
    public string Val { get; init; } = "demo/imagenet64";
    /// <summary><c>random</c> (Inception-style random crop) or <c>central</c> (the swept centre-crop option).</summary>
    public string Crop { get; init; } = "random";
    public bool Flip { get; init; } = true;
    /// <summary>Train on a seeded random subset of this many classes (0 = every class). Ignored when <see cref="ClassList"/> is given.</summary>
    public int Classes { get; init; }
    /// <summary>Explicit 0-based class indices to train and evaluate on (empty = use <see cref="Classes"/>).</summary>
    public int[] ClassList { get; init; } = [];
    /// <summary>Seed of the class-subset draw, separate from the training seed so that repeats share their classes.</summary>
    public int ClassSeed { get; init; }
}

public sealed record TrainConfig
{
    /// <summary>Training length in epochs; ignored when <see cref="Steps"/> is positive.</summary>
    public int Epochs { get; init; } = 90;
    /// <summary>Training length in optimiser steps (0 = use <see cref="Epochs"/>). The schedule scales with whichever is used.</summary>
    public int Steps { get; init; }
    public int BatchSize { get; init; } = 128;
    /// <summary><c>sgd</c> (Nesterov momentum, L2 weight decay on non-BatchNorm weights) or <c>adamw</c> (decoupled weight decay).</summary>
    public string Optimizer { get; init; } = "sgd";
    /// <summary>Learning rate for a batch of 256; the trainer scales it by batch/256.</summary>
    public double LearningRate { get; init; } = 0.1;
    /// <summary>SGD momentum, or AdamW's beta1.</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>AdamW's beta2.</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary><c>step</c> (multiply by <see cref="DecayFactor"/> at each <see cref="DecayAt"/> fraction) or <c>cosine</c> (to zero at the end), both after linear warmup.</summary>
    public string Schedule { get; init; } = "step";
    public double WarmupEpochs { get; init; } = 5;
    /// <summary>Fractions of training at which the learning rate is multiplied by <see cref="DecayFactor"/> (30/60/80 of 90 epochs).</summary>
    public double[] DecayAt { get; init; } = [1.0 / 3, 2.0 / 3, 8.0 / 9];
    public double DecayFactor { get; init; } = 0.1;
    /// <summary>SGD: L2 penalty on non-BatchNorm weights. AdamW: decoupled decay on weight matrices.</summary>
    public double WeightDecay { get; init; } = 1e-4;
    public double LabelSmoothing { get; init; }
    public int Seed { get; init; }
    /// <summary><c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>; empty = the worker's Device setting. Not part of what a trial means, but stored so a re-run can match it.</summary>
    public string Device { get; init; } = "";
}

public sealed record CheckpointConfig
{
    /// <summary>Also checkpoint every this many optimiser steps inside epochs (0 = only at epoch ends).</summary>
    public int EverySteps { get; init; }
    /// <summary><c>all</c>, <c>last</c> (the newest <see cref="KeepLast"/>) or <c>best</c> (those best on any stored metric, plus the newest). Scores of deleted checkpoints stay stored.</summary>
    public string Keep { get; init; } = "all";
    public int KeepLast { get; init; } = 3;
}

public sealed record ScoreConfig
{
    /// <summary>A BAPPS 2AFC split folder (<c>.../2afc/val</c>) holding one subfolder per category, or a prepared (packed) copy.</summary>
    public string Bapps { get; init; } = "demo/bapps/2afc/val";
    /// <summary>Categories to score (empty = every category folder present).</summary>
    public string[] Categories { get; init; } = [];
    /// <summary>A BAPPS JND split folder for JND mAP (empty = off).</summary>
    public string Jnd { get; init; } = "";
    /// <summary>Layer set for the PS ensemble; empty = every extraction point of the model.</summary>
    public string[] Layers { get; init; } = [];
    /// <summary>Perceptual functions: <c>lpips</c> (the study's default), <c>meanpool</c>, <c>style</c>.</summary>
    public string[] Functions { get; init; } = ["lpips"];
    /// <summary>The style function's Gram matrix: <see cref="PositionsStyleNormalisation"/> or <see cref="NoStyleNormalisation"/>.</summary>
    public string StyleNormalisation { get; init; } = PositionsStyleNormalisation;

    /// <summary>Gram matrix divided by the H·W positions (Sweeps' reading; the paper does not say).</summary>
    public const string PositionsStyleNormalisation = "hw";
    /// <summary>Gram matrix not divided.</summary>
    public const string NoStyleNormalisation = "none";
}
