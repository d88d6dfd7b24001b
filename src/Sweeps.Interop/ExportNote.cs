using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sweeps.Models;
using Sweeps.Spec;

namespace Sweeps.Interop;

/// <summary>
/// What a user of an exported state_dict needs beside the weights: which network, how to feed it and
/// what its outputs mean. Written as snake_case JSON next to the <c>.pt</c> file.
/// </summary>
/// <param name="StateDict">The <c>.pt</c> file's name (in the same folder).</param>
/// <param name="Source">The checkpoint it came from.</param>
/// <param name="Architecture">The network and its widths.</param>
/// <param name="Torchvision">Whether torchvision's model of the same depth loads and reproduces it.</param>
/// <param name="Input">The input the weights expect.</param>
/// <param name="Classes">The order of the classifier's outputs.</param>
public sealed record ExportNote(
    string StateDict, ExportSource Source, ExportArchitecture Architecture, TorchvisionFit Torchvision, ExportInput Input, ExportClasses Classes)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A file for people to read: apostrophes and the like stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExportNote FromJson(string json) =>
        JsonSerializer.Deserialize<ExportNote>(json, Json) ?? throw new JsonException("An export note was empty.");

    /// <summary>The note of <paramref name="network"/>, the model <paramref name="config"/> describes, with <paramref name="classCount"/> outputs.</summary>
    public static ExportNote Describe(string stateDictName, ExportSource source, TrialConfig config, FeatureClassifier network, int classCount)
    {
        var model = config.Model;
        var layout = TorchvisionResNets.LayoutDifferences(model);
        var compute = layout.Count == 0 ? TorchvisionResNets.ComputeDifferences(model) : [];
        var torchvision = new TorchvisionFit(
            layout.Count == 0 ? $"torchvision.models.{TorchvisionResNets.NameOf(model.Depth)}(num_classes={classCount})" : null,
            LoadsStrict: layout.Count == 0,
            SameOutputs: layout.Count == 0 && compute.Count == 0,
            [.. layout, .. compute]);
        return new ExportNote(stateDictName, source, ExportArchitecture.Of(model), torchvision, ExportInput.Of(network), ExportClasses.Of(config.Data, classCount));
    }
}

/// <param name="Checkpoint">Full path of the checkpoint file.</param>
/// <param name="Sha256">Its SHA-256, lower-case hex.</param>
/// <param name="ConfigHash">The hash of its trial's resolved configuration.</param>
public sealed record ExportSource(string Checkpoint, string Sha256, int Epoch, long Step, string ConfigHash);

/// <param name="Name">e.g. <c>ResNet-18 width 1</c>.</param>
/// <param name="StageChannels">ResNet: output channels of the stem and each stage's 3x3 convolutions (before the bottleneck's x4).</param>
/// <param name="PoolPadding">ResNet: the stem max-pool's padding, model.pool_padding (same or symmetric).</param>
public sealed record ExportArchitecture(
    string Family, int Depth, double Width, string Name, IReadOnlyList<long>? StageChannels, bool? Skip, string? PoolPadding,
    int? PatchSize, long? HiddenSize, int? Heads, long? MlpSize)
{
    private static readonly int[] BaseChannels = [64, 64, 128, 256, 512];

    public static ExportArchitecture Of(ModelConfig model) => model.Family == "resnet"
        ? new ExportArchitecture(model.Family, model.Depth, model.Width, $"ResNet-{model.Depth} width {model.Width}",
            BaseChannels.Select(channels => Scaled(channels, model.Width)).ToArray(), model.Skip, model.PoolPadding,
            null, null, null, null)
        : new ExportArchitecture(model.Family, model.Depth, model.Width, $"ViT, {model.Depth} blocks, width {model.Width}",
            null, null, null, model.PatchSize, Scaled(model.HiddenSize, model.Width), model.Heads, Scaled(model.MlpSize, model.Width));

    // As Sweeps.Models scales them: rounded, at least one.
    private static long Scaled(int channels, double width) => Math.Max(1, (long)Math.Round(channels * width));
}

/// <param name="Module">The torchvision constructor the file loads into, when it does.</param>
/// <param name="LoadsStrict">Its <c>load_state_dict(sd, strict=True)</c> accepts the file.</param>
/// <param name="SameOutputs">It then computes what this model computed.</param>
/// <param name="Differences">Why not, setting by setting.</param>
public sealed record TorchvisionFit(string? Module, bool LoadsStrict, bool SameOutputs, IReadOnlyList<string> Differences);

/// <param name="Range">Pixel values the network was trained on before normalisation.</param>
/// <param name="Mean">Per-channel (RGB) mean subtracted after scaling to the range.</param>
/// <param name="Std">Per-channel (RGB) standard deviation divided by after subtracting the mean.</param>
public sealed record ExportInput(string Layout, int Height, int Width, string Range, IReadOnlyList<double> Mean, IReadOnlyList<double> Std, string Note)
{
    /// <summary>Every dataset Sweeps reads is decoded to 64x64 images.</summary>
    private const int ImageSide = 64;

    /// <summary>Sweeps' models normalise inside their forward pass, with buffers that are not in the state_dict.</summary>
    public static ExportInput Of(FeatureClassifier model)
    {
        var (mean, std) = model.InputNormalisation;
        return new ExportInput("N x 3 x H x W, RGB, float32", ImageSide, ImageSide, "[0, 1] (8-bit pixel / 255)",
            mean.Select(AsWritten).ToArray(), std.Select(AsWritten).ToArray(),
            "Normalise before calling the network: (x - mean) / std. Sweeps does this inside its model; the state_dict holds no normalisation.");
    }

    /// <summary>0.485f as 0.485, not 0.48500001430511475: decimal keeps a float's 7 significant digits.</summary>
    private static double AsWritten(float value) => (double)(decimal)value;
}

/// <param name="Count">Outputs of the classifier.</param>
/// <param name="TrainData">The training images as the trial named them (relative paths are under the DataRoot setting).</param>
/// <param name="ClassList">The trial's explicit class list, when it gave one: output i is class ClassList[i] of TrainData.</param>
/// <param name="SubsetSize">The size of the trial's seeded class subset, when it drew one.</param>
/// <param name="SubsetSeed">The seed of that draw.</param>
/// <param name="Order">Output i's class, in words.</param>
public sealed record ExportClasses(int Count, string TrainData, IReadOnlyList<int>? ClassList, int? SubsetSize, int? SubsetSeed, string Order)
{
    private const string DatasetOrder =
        "its own class order: sorted class-folder names, wnids.txt or sorted wnids of the annotation layout, or downsampled ImageNet's label index";

    public static ExportClasses Of(DataConfig data, int count)
    {
        if (data.ClassList.Length > 0)
            return new ExportClasses(count, data.Train, data.ClassList, null, null,
                $"output i is class class_list[i] of train_data, counted in {DatasetOrder}");
        if (data.Classes > 0)
            return new ExportClasses(count, data.Train, null, data.Classes, data.ClassSeed,
                $"output i is the i-th smallest of the subset_size classes drawn with subset_seed (Sweeps.Data.ClassSubset.Choose) from train_data, counted in {DatasetOrder}");
        return new ExportClasses(count, data.Train, null, null, null, $"output i is class i of train_data in {DatasetOrder}");
    }
}
