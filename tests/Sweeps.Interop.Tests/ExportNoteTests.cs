using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Training;

namespace Sweeps.Interop.Tests;

/// <summary>The note written beside an export, and the errors of an import that does not fit.</summary>
public sealed class ExportNoteTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public ExportNoteTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void A_reduced_narrow_resnet_is_exported_with_a_note_saying_torchvision_cannot_load_it()
    {
        var config = new TrialConfig
        {
            Model = new ModelConfig { Depth = 6, Width = 0.25 },
            Data = new DataConfig { Train = "tiny/train", ClassList = [7, 2, 5] },
        };
        var checkpoint = WriteCheckpoint("narrow.ckpt", config, classCount: 3);

        var exported = PyTorchInterop.Export(checkpoint, _folder.File("narrow.pt"));

        Assert.Equal(_folder.File("narrow.json"), exported.NotePath);
        var note = ExportNote.FromJson(File.ReadAllText(exported.NotePath));
        Assert.Equal("narrow.pt", note.StateDict);
        Assert.Equal((5, 40L), (note.Source.Epoch, note.Source.Step));
        Assert.Equal(CheckpointFile.Sha256(checkpoint), note.Source.Sha256);
        Assert.Equal("ResNet-6 width 0.25", note.Architecture.Name);
        Assert.Equal([16L, 16, 32, 64, 128], note.Architecture.StageChannels);
        Assert.Equal(ModelConfig.SamePoolPadding, note.Architecture.PoolPadding);
        Assert.Equal((null, false, false), (note.Torchvision.Module, note.Torchvision.LoadsStrict, note.Torchvision.SameOutputs));
        Assert.Equal(2, note.Torchvision.Differences.Count);
        Assert.Contains("model.depth 6", note.Torchvision.Differences[0]);
        Assert.Contains("model.width 0.25", note.Torchvision.Differences[1]);
        Assert.Equal([0.485, 0.456, 0.406], note.Input.Mean.Select(value => Math.Round(value, 6)));
        Assert.Equal([0.229, 0.224, 0.225], note.Input.Std.Select(value => Math.Round(value, 6)));
        Assert.Equal((3, "tiny/train"), (note.Classes.Count, note.Classes.TrainData));
        Assert.Equal([7, 2, 5], note.Classes.ClassList);
    }

    [Fact]
    public void A_resnet18_without_skip_connections_loads_into_torchvision_but_the_note_says_it_computes_otherwise()
    {
        var config = new TrialConfig { Model = new ModelConfig { Depth = 18, Skip = false, PoolPadding = ModelConfig.SymmetricPoolPadding }, Data = new DataConfig { Classes = 10, ClassSeed = 3 } };
        var checkpoint = WriteCheckpoint("noskip.ckpt", config, classCount: 10);

        var note = PyTorchInterop.Export(checkpoint, _folder.File("noskip.pt")).Note;

        Assert.Equal("torchvision.models.resnet18(num_classes=10)", note.Torchvision.Module);
        Assert.Equal((true, false), (note.Torchvision.LoadsStrict, note.Torchvision.SameOutputs));
        Assert.Contains("model.skip false", Assert.Single(note.Torchvision.Differences));
        Assert.Equal((10, 3), (note.Classes.SubsetSize, note.Classes.SubsetSeed));
    }

    [Fact]
    public void A_vit_exports_its_own_keys_with_a_note_giving_its_sizes_and_no_torchvision_model()
    {
        var config = new TrialConfig { Model = new ModelConfig { Family = "vit", Depth = 2, Width = 0.25 } };
        var checkpoint = WriteCheckpoint("vit.ckpt", config, classCount: 3);

        var exported = PyTorchInterop.Export(checkpoint, _folder.File("vit.pt"));

        var note = exported.Note;
        Assert.Equal((8, 192L, 12, 768L), (note.Architecture.PatchSize, note.Architecture.HiddenSize, note.Architecture.Heads, note.Architecture.MlpSize));
        Assert.Null(note.Architecture.PoolPadding);
        Assert.Equal((null, false), (note.Torchvision.Module, note.Torchvision.LoadsStrict));
        Assert.Contains("model.family vit", Assert.Single(note.Torchvision.Differences));
        using var model = CheckpointFile.LoadModel(checkpoint, TorchSharp.torch.CPU);
        var tensors = PyTorchStateDict.Load(exported.StateDictPath);
        Assert.Equal(model.state_dict().Keys.Order(), tensors.Keys.Order());
        foreach (var tensor in tensors.Values)
            tensor.Dispose();
    }

    [Fact]
    public void An_export_imports_back_to_the_same_weights_and_a_checkpoint_that_records_a_width_1_resnet()
    {
        var config = new TrialConfig { Model = new ModelConfig { Depth = 18 } };
        var original = WriteCheckpoint("original.ckpt", config, classCount: 4);
        var stateDict = _folder.File("original.pt");
        PyTorchInterop.Export(original, stateDict);

        var imported = PyTorchInterop.Import(stateDict, "resnet18", _folder.File("imported.ckpt"), trainData: "classes/train");

        using var before = CheckpointFile.LoadModel(original, TorchSharp.torch.CPU);
        using var after = CheckpointFile.LoadModel(imported.CheckpointPath, TorchSharp.torch.CPU);
        var afterState = after.state_dict();
        Assert.All(before.state_dict(), entry => Assert.True(entry.Value.allclose(afterState[entry.Key], rtol: 0, atol: 0), entry.Key));
        var recorded = CheckpointFile.RecordedConfig(imported.CheckpointPath);
        Assert.Equal(("classes/train", "classes/train"), (recorded.Data.Train, recorded.Data.Val));
        Assert.Equal(4, CheckpointFile.ReadState(imported.CheckpointPath).ClassCount);
        Assert.Equal(ModelConfig.SymmetricPoolPadding, recorded.Model.PoolPadding);
    }

    [Fact]
    public void Importing_as_a_deeper_resnet_names_the_missing_keys()
    {
        var stateDict = ExportOf(new ModelConfig { Depth = 18 }, "r18");

        var failure = Assert.Throws<PyTorchFileException>(() => PyTorchInterop.Import(stateDict, "resnet34", _folder.File("r34.ckpt")));

        Assert.StartsWith($"{stateDict}: does not fit torchvision's resnet34: missing ", failure.Message);
        Assert.Contains("layer1.2.conv1.weight", failure.Message);
        Assert.False(File.Exists(_folder.File("r34.ckpt")));
    }

    [Fact]
    public void Importing_a_narrower_resnet_names_the_shapes_that_differ()
    {
        var stateDict = ExportOf(new ModelConfig { Depth = 18, Width = 0.5 }, "half");

        var failure = Assert.Throws<PyTorchFileException>(() => PyTorchInterop.Import(stateDict, "resnet18", _folder.File("half.ckpt")));

        Assert.Contains("shape(s) differ: conv1.weight is [32, 3, 7, 7], resnet18 has [64, 3, 7, 7]", failure.Message);
        Assert.DoesNotContain("missing", failure.Message);
    }

    [Fact]
    public void An_export_into_a_missing_folder_fails_naming_the_file_and_leaves_nothing()
    {
        var checkpoint = WriteCheckpoint("small.ckpt", new TrialConfig { Model = new ModelConfig { Depth = 6, Width = 0.125 } }, classCount: 2);
        var target = _folder.File("missing/small.pt");

        var failure = Assert.Throws<PyTorchFileException>(() => PyTorchInterop.Export(checkpoint, target));

        Assert.StartsWith($"{target}: cannot be written: ", failure.Message);
        Assert.Equal(Faults.FaultKind.Environment, failure.Fault);
    }

    [Fact]
    public void An_unknown_architecture_is_refused_with_the_supported_ones()
    {
        var failure = Assert.Throws<PyTorchFileException>(() => PyTorchInterop.Import(_folder.File("any.pt"), "resnet200", _folder.File("any.ckpt")));

        Assert.Contains("resnet18, resnet34, resnet50, resnet101, resnet152", failure.Message);
    }

    private string ExportOf(ModelConfig model, string name)
    {
        var checkpoint = WriteCheckpoint($"{name}.ckpt", new TrialConfig { Model = model }, classCount: 3);
        var stateDict = _folder.File($"{name}.pt");
        PyTorchInterop.Export(checkpoint, stateDict);
        return stateDict;
    }

    private string WriteCheckpoint(string name, TrialConfig config, int classCount)
    {
        var path = _folder.File(name);
        using var model = ModelFactory.Create(config, classCount);
        using var optimizer = TrainingOptimizer.Create(model, config.Train, config.Train.LearningRate);
        CheckpointFile.Write(path, new CheckpointState(5, 40, config.Hash(), 0, 0.5, config.ToJson(), classCount), model, optimizer);
        return path;
    }

    public void Dispose() => _folder.Dispose();
}
