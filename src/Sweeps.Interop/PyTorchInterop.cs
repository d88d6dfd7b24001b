using Sweeps.Faults;
using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Training;
using static TorchSharp.torch;

namespace Sweeps.Interop;

/// <summary>A checkpoint written as a PyTorch state_dict, and the note beside it.</summary>
public sealed record ExportedModel(string StateDictPath, string NotePath, ExportNote Note);

/// <summary>A PyTorch state_dict written as a checkpoint that <c>sweeps score</c> reads.</summary>
public sealed record ImportedModel(string CheckpointPath, string Architecture, int ClassCount, string ConfigHash);

/// <summary>
/// Moves ResNet weights between Sweeps checkpoints and PyTorch. Sweeps.Models names its modules like
/// torchvision, so the state_dict keys are the same on both sides and nothing is renamed; what this
/// adds is the file format (<see cref="PyTorchStateDict"/>), the checks that say which key or shape
/// does not fit, and the configuration and note that make each side's file self-describing.
/// </summary>
public static class PyTorchInterop
{
    /// <summary>The fully connected layer's weight: its rows are the classes.</summary>
    private const string ClassifierWeight = "fc.weight";

    /// <summary>Writes the checkpoint's weights to <paramref name="stateDictPath"/> and its note beside it
    /// (<see cref="NotePathFor"/>).</summary>
    /// <exception cref="InvalidCheckpointException">The checkpoint is unreadable, damaged or does not record its configuration.</exception>
    /// <exception cref="PyTorchFileException">The file cannot be written.</exception>
    public static ExportedModel Export(string checkpoint, string stateDictPath)
    {
        var state = CheckpointFile.ReadState(checkpoint);
        using var model = CheckpointFile.LoadModel(checkpoint, CPU);
        var config = CheckpointFile.RecordedConfig(state, checkpoint);
        PyTorchStateDict.Save(model, stateDictPath);

        var source = new ExportSource(Path.GetFullPath(checkpoint), CheckpointFile.Sha256(checkpoint), state.Epoch, state.Step, state.ConfigHash);
        var note = ExportNote.Describe(Path.GetFileName(stateDictPath), source, config, model, state.ClassCount);
        var notePath = NotePathFor(stateDictPath);
        try
        {
            File.WriteAllText(notePath, note.ToJson() + "\n");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PyTorchFileException(FaultKind.Environment, notePath, $"cannot be written: {exception.Message}", exception);
        }
        return new ExportedModel(stateDictPath, notePath, note);
    }

    /// <summary>The note beside a state_dict file: <c>model.pt</c> -> <c>model.json</c>.</summary>
    public static string NotePathFor(string stateDictPath) =>
        Path.GetExtension(stateDictPath) == ".json" ? stateDictPath + ".json" : Path.ChangeExtension(stateDictPath, ".json");

    /// <summary>
    /// Reads a state_dict of torchvision's <paramref name="architecture"/> (<c>resnet18</c> ... <c>resnet152</c>,
    /// any number of classes, taken from <c>fc.weight</c>) and writes it as a step-0 checkpoint recording a
    /// ResNet of that depth at width 1. <paramref name="trainData"/>, when given, is recorded as the
    /// trial's training and validation data: the images whose class order the outputs follow, which
    /// <c>sweeps score --val</c> labels by.
    /// </summary>
    /// <exception cref="PyTorchFileException">The architecture is unknown, or the file is unreadable or does not fit it;
    /// the message names every missing, unexpected and misshapen key.</exception>
    public static ImportedModel Import(string stateDictPath, string architecture, string checkpoint, string? trainData = null)
    {
        var depth = TorchvisionResNets.DepthOf(architecture, stateDictPath);
        var tensors = PyTorchStateDict.Load(stateDictPath);
        try
        {
            if (!tensors.TryGetValue(ClassifierWeight, out var classifier) || classifier.ndim != 2)
                throw new PyTorchFileException(FaultKind.Data, stateDictPath, $"has no 2-d '{ClassifierWeight}', so it is not a torchvision ResNet state_dict.");
            var classCount = (int)classifier.shape[0];
            var config = new TrialConfig
            {
                Model = new ModelConfig { Family = "resnet", Depth = depth, Width = 1, PoolPadding = ModelConfig.SymmetricPoolPadding },
                Data = new DataConfig { Train = trainData ?? "", Val = trainData ?? "" },
            };
            using var model = ModelFactory.Create(config, classCount);
            LoadInto(model, tensors, stateDictPath, architecture);
            using var optimizer = TrainingOptimizer.Create(model, config.Train, config.Train.LearningRate);
            var state = new CheckpointState(Epoch: 0, Step: 0, config.Hash(), config.Train.Seed, TrainLoss: 0, config.ToJson(), classCount);
            CheckpointFile.Write(checkpoint, state, model, optimizer);
            return new ImportedModel(checkpoint, architecture, classCount, state.ConfigHash);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
                tensor.Dispose();
        }
    }

    /// <summary>Copies the tensors into the model after checking that keys and shapes are exactly the model's.</summary>
    private static void LoadInto(nn.Module model, Dictionary<string, Tensor> tensors, string path, string architecture)
    {
        var expected = model.state_dict();
        var missing = expected.Keys.Where(key => !tensors.ContainsKey(key)).ToList();
        var unexpected = tensors.Keys.Where(key => !expected.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();
        var misshapen = expected
            .Where(entry => tensors.TryGetValue(entry.Key, out var tensor) && !tensor.shape.SequenceEqual(entry.Value.shape))
            .Select(entry => $"{entry.Key} is {Shape(tensors[entry.Key])}, {architecture} has {Shape(entry.Value)}")
            .ToList();
        var problems = new List<string>();
        if (missing.Count > 0)
            problems.Add($"missing {missing.Count} key(s) of {architecture}: {Listed(missing)}");
        if (unexpected.Count > 0)
            problems.Add($"{unexpected.Count} key(s) {architecture} does not have: {Listed(unexpected)}");
        if (misshapen.Count > 0)
            problems.Add($"{misshapen.Count} shape(s) differ: {Listed(misshapen)}");
        if (problems.Count > 0)
            throw new PyTorchFileException(FaultKind.Data, path, $"does not fit torchvision's {architecture}: {string.Join("; ", problems)}.");

        using var scope = NewDisposeScope();
        // Same dtype as the model (a file saved in float64 or half still loads); a no-op when they agree.
        var converted = expected.ToDictionary(entry => entry.Key, entry => tensors[entry.Key].to_type(entry.Value.dtype));
        model.load_state_dict(converted, strict: true);
    }

    private static string Shape(Tensor tensor) => $"[{string.Join(", ", tensor.shape)}]";

    private static string Listed(IReadOnlyList<string> items) =>
        items.Count <= 8 ? string.Join(", ", items) : $"{string.Join(", ", items.Take(8))} and {items.Count - 8} more";
}
