using System.Runtime.InteropServices;
using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Training;
using static TorchSharp.torch;

namespace Sweeps.Interop.Tests;

/// <summary>Export and import through a real PyTorch: logits of the same images on both sides, and
/// torchvision's own ResNets loading exported files with strict=True.</summary>
public sealed class PyTorchRoundTripTests : IDisposable
{
    private const int ImageCount = 6;
    private const int ClassCount = 5;
    private const double LogitTolerance = 1e-4;
    private readonly TempFolder _folder = new();

    public PyTorchRoundTripTests() => SingleThreadedTorch.Ensure();

    [SkippableFact]
    public void A_trained_resnet18_exported_gives_the_same_logits_in_the_tests_own_pytorch_resnet()
    {
        PythonTorch.Require();
        var checkpoint = TrainResNet18(steps: 3);
        var stateDict = _folder.File("trained.pt");

        var exported = PyTorchInterop.Export(checkpoint, stateDict);

        Assert.True(exported.Note.Torchvision.SameOutputs, string.Join("; ", exported.Note.Torchvision.Differences));
        var images = WriteImages(seed: 11);
        var logitsFile = _folder.File("trained-logits.bin");
        PythonTorch.Run("logits", stateDict, "resnet18", exported.NotePath, images.Path, $"{ImageCount}", logitsFile);
        using var model = CheckpointFile.LoadModel(checkpoint, CPU);
        using var expected = Logits(model, images.Tensor);
        AssertClose(expected, ReadLogits(logitsFile));
        images.Tensor.Dispose();
    }

    [Fact]
    public void Training_steps_reach_the_exported_batchnorm_statistics()
    {
        var checkpoint = TrainResNet18(steps: 3);
        var stateDict = _folder.File("trained.pt");

        PyTorchInterop.Export(checkpoint, stateDict);

        var tensors = PyTorchStateDict.Load(stateDict);
        try
        {
            Assert.Equal(3, tensors["bn1.num_batches_tracked"].item<long>());
            Assert.Equal(3, tensors["layer4.1.bn2.num_batches_tracked"].item<long>());
            // Three updates with momentum 0.1 move the running mean away from its initial zeros.
            Assert.True(tensors["bn1.running_mean"].abs().max().item<float>() > 1e-3);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
                tensor.Dispose();
        }
    }

    [SkippableTheory]
    [InlineData("resnet18")]
    [InlineData("resnet50")]
    public void A_pytorch_state_dict_with_random_weights_imports_to_a_checkpoint_with_the_same_logits(string architecture)
    {
        var images = WriteImages(seed: 12);
        var stateDict = _folder.File($"{architecture}.pt");
        var logitsFile = _folder.File($"{architecture}-logits.bin");
        PythonTorch.Run("random", architecture, $"{ClassCount}", "3", stateDict, images.Path, $"{ImageCount}", logitsFile);
        var checkpoint = _folder.File($"{architecture}.ckpt");

        var imported = PyTorchInterop.Import(stateDict, architecture, checkpoint);

        Assert.Equal(ClassCount, imported.ClassCount);
        var config = CheckpointFile.RecordedConfig(checkpoint);
        Assert.Equal(("resnet", TorchvisionResNets.DepthOf(architecture, stateDict), 1.0), (config.Model.Family, config.Model.Depth, config.Model.Width));
        Assert.Equal(config.Hash(), CheckpointFile.ReadState(checkpoint).ConfigHash);
        using var model = CheckpointFile.LoadModel(checkpoint, CPU);
        using var actual = Logits(model, images.Tensor);
        AssertClose(actual, ReadLogits(logitsFile));
        images.Tensor.Dispose();
    }

    [SkippableTheory]
    [InlineData(18)]
    [InlineData(34)]
    [InlineData(50)]
    [InlineData(101)]
    [InlineData(152)]
    public void Torchvision_loads_the_export_of_every_standard_depth_with_strict_true(int depth)
    {
        PythonTorch.RequireTorchvision();
        var config = new TrialConfig { Model = new ModelConfig { Depth = depth } };
        var checkpoint = _folder.File($"resnet{depth}.ckpt");
        WriteCheckpoint(checkpoint, config, classCount: 7);
        var stateDict = _folder.File($"resnet{depth}.pt");

        var exported = PyTorchInterop.Export(checkpoint, stateDict);

        Assert.Equal($"torchvision.models.resnet{depth}(num_classes=7)", exported.Note.Torchvision.Module);
        var output = PythonTorch.Run("torchvision", $"resnet{depth}", "7", stateDict);
        Assert.Contains($"resnet{depth}: ", output);
    }

    [SkippableTheory]
    [InlineData("legacy", "in its zip format")]
    [InlineData("wrapped", "not a tensor: save model.state_dict() itself")]
    public void A_file_pybridge_cannot_take_as_a_state_dict_fails_with_a_message_naming_it_and_the_reason(string kind, string reason)
    {
        var file = _folder.File($"{kind}.pt");
        PythonTorch.Run(kind, file);

        var failure = Assert.Throws<PyTorchFileException>(() => PyTorchInterop.Import(file, "resnet18", _folder.File($"{kind}.ckpt")));

        Assert.StartsWith(file + ": ", failure.Message);
        Assert.Contains(reason, failure.Message);
        Assert.False(File.Exists(_folder.File($"{kind}.ckpt")));
    }

    /// <summary>A ResNet-18 (width 1, <see cref="ClassCount"/> classes) trained for a few SGD steps on noise images; its last checkpoint.</summary>
    private string TrainResNet18(int steps)
    {
        var config = new TrialConfig
        {
            Model = new ModelConfig { Depth = 18, PoolPadding = ModelConfig.SymmetricPoolPadding },
            Train = new TrainConfig { Steps = steps, BatchSize = 8, LearningRate = 0.1, WarmupEpochs = 0, DecayAt = [], Seed = 4 },
        };
        var random = new SplitMix64(9);
        var pixels = new byte[24 * 3 * 64 * 64];
        foreach (ref var pixel in pixels.AsSpan())
            pixel = (byte)random.NextInt(256);
        using var images = new LabelledImages(pixels, Enumerable.Range(0, 24).Select(index => index % ClassCount).ToArray(), 64, ClassCount, "noise");
        using var trainer = new TrialTrainer(config, images, _folder.Path);
        CheckpointInfo last;
        do
            last = trainer.TrainToNextCheckpoint(CancellationToken.None);
        while (!trainer.IsFinished);
        return last.Path;
    }

    private static void WriteCheckpoint(string path, TrialConfig config, int classCount)
    {
        using var model = ModelFactory.Create(config, classCount);
        using var optimizer = TrainingOptimizer.Create(model, config.Train, config.Train.LearningRate);
        CheckpointFile.Write(path, new CheckpointState(0, 0, config.Hash(), 0, 0, config.ToJson(), classCount), model, optimizer);
    }

    /// <summary><see cref="ImageCount"/> uniform random images in [0, 1], as a tensor and as raw float32 for Python.</summary>
    private (Tensor Tensor, string Path) WriteImages(int seed)
    {
        using var generator = new Generator((ulong)seed);
        var images = rand([ImageCount, 3, 64, 64], generator: generator);
        var path = _folder.File($"images-{seed}.bin");
        File.WriteAllBytes(path, MemoryMarshal.AsBytes(images.data<float>().ToArray().AsSpan()).ToArray());
        return (images, path);
    }

    private static Tensor Logits(FeatureClassifier model, Tensor images)
    {
        using var noGrad = no_grad();
        return model.call(images);
    }

    private static float[] ReadLogits(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    /// <summary>Equal within <see cref="LogitTolerance"/>, element by element, and not trivially so:
    /// the images get different logits.</summary>
    private static void AssertClose(Tensor expected, float[] actual)
    {
        var values = expected.data<float>().ToArray();
        Assert.Equal(ImageCount * ClassCount, values.Length);
        Assert.Equal(values.Length, actual.Length);
        var worst = values.Zip(actual, (left, right) => Math.Abs(left - right)).Max();
        Assert.True(worst <= LogitTolerance, $"largest logit difference {worst:E2} (logits around {values.Select(Math.Abs).Max():F3})");
        Assert.True(values[0] != values[ClassCount], "the first two images have the same logits");
    }

    public void Dispose() => _folder.Dispose();
}
