using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sweeps.Spec;

/// <summary>
/// The fully resolved configuration of one trial: every value the trial uses, so that it can be
/// re-run from this alone. Identity is <see cref="Hash"/>, not record equality (arrays compare by reference). Serialised as snake_case JSON; the same keys are the dotted paths a
/// sweep file varies (<c>model.width</c>, <c>train.weight_decay</c>, ...).
/// </summary>
public sealed record TrialConfig
{
    public ModelConfig Model { get; init; } = new();
    public DataConfig Data { get; init; } = new();
    public TrainConfig Train { get; init; } = new();
    public ScoreConfig Score { get; init; } = new();

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
    };

    /// <summary>Canonical JSON: fixed property order and formatting, so equal configs give equal text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static TrialConfig FromJson(string json) =>
        JsonSerializer.Deserialize<TrialConfig>(json, JsonOptions)
        ?? throw new JsonException("A trial configuration was empty.");

    /// <summary>Stable identity of the configuration: SHA-256 of the canonical JSON, lower-case hex.</summary>
    public string Hash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())));
}

public sealed record ModelConfig
{
    /// <summary><c>resnet</c> (the only family the foundation trains; <c>vit</c> comes later).</summary>
    public string Family { get; init; } = "resnet";
    /// <summary>ResNet depth: 6 or 18.</summary>
    public int Depth { get; init; } = 18;
    /// <summary>Multiplier on every filter count (1 = the reference widths 64/128/256/512).</summary>
    public double Width { get; init; } = 1.0;
    /// <summary>Dropout probability right before the classifier (0 = off).</summary>
    public double Dropout { get; init; }
}

public sealed record DataConfig
{
    /// <summary>Folder holding train_data_batch_*.npz and val_data.npz; relative paths resolve against the data root setting.</summary>
    public string Imagenet { get; init; } = "demo/imagenet64";
    /// <summary><c>random</c> (Inception-style random crop) or <c>central</c> (the swept centre-crop option).</summary>
    public string Crop { get; init; } = "random";
    public bool Flip { get; init; } = true;
}

public sealed record TrainConfig
{
    public int Epochs { get; init; } = 90;
    public int BatchSize { get; init; } = 128;
    /// <summary>Learning rate for a batch of 256; the trainer scales it by batch/256.</summary>
    public double LearningRate { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    public double WarmupEpochs { get; init; } = 5;
    /// <summary>Fractions of training at which the learning rate is multiplied by <see cref="DecayFactor"/> (30/60/80 of 90 epochs).</summary>
    public double[] DecayAt { get; init; } = [1.0 / 3, 2.0 / 3, 8.0 / 9];
    public double DecayFactor { get; init; } = 0.1;
    /// <summary>L2 penalty on non-BatchNorm weights.</summary>
    public double WeightDecay { get; init; } = 1e-4;
    public double LabelSmoothing { get; init; }
    public int Seed { get; init; }
    public string Device { get; init; } = "cpu";
}

public sealed record ScoreConfig
{
    /// <summary>A BAPPS 2AFC split folder (<c>.../2afc/val</c>) holding one subfolder per category.</summary>
    public string Bapps { get; init; } = "demo/bapps/2afc/val";
    /// <summary>Layer set for the PS ensemble; empty = every extraction point of the model.</summary>
    public string[] Layers { get; init; } = [];
}
