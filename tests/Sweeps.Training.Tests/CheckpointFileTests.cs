using System.Security.Cryptography;
using System.Text;
using Sweeps.Models;
using Sweeps.Spec;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class CheckpointFileTests
{
    private static readonly TrialConfig Config = new() { Model = new ModelConfig { Depth = 6, Width = 0.125 } };

    public CheckpointFileTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Write_replaces_the_temporary_file_and_returns_the_file_hash()
    {
        using var directory = new TempFolder();
        var path = directory.File(CheckpointFile.NameFor(42));
        using var model = ModelFactory.Create(Config.Model, 4);
        using var optimizer = NesterovSgd.Create(model, Config.Train, 0.1);

        var sha256 = CheckpointFile.Write(path, State(), model, optimizer);

        Assert.Equal("step-000000042.ckpt", Path.GetFileName(path));
        Assert.Equal(["step-000000042.ckpt"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
        Assert.Equal(CheckpointFile.Sha256(path), sha256);
    }

    [Fact]
    public void Read_restores_the_state_and_weights()
    {
        using var directory = new TempFolder();
        var path = directory.File("step-000000042.ckpt");
        using var saved = ModelFactory.Create(Config.Model, 4);
        using var optimizer = NesterovSgd.Create(saved, Config.Train, 0.1);
        CheckpointFile.Write(path, State(), saved, optimizer);
        using var restored = ModelFactory.Create(Config.Model, 4);

        var state = CheckpointFile.Read(path, Config.Hash(), restored, optimizer: null);

        Assert.Equal(State(), state);
        Assert.All(saved.state_dict(), entry => Assert.True(entry.Value.Equals(restored.state_dict()[entry.Key]), entry.Key));
    }

    [Fact]
    public void A_flipped_payload_byte_is_reported_with_the_file_name_before_anything_loads()
    {
        using var directory = new TempFolder();
        var path = WriteCheckpoint(directory);
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        using var target = ModelFactory.Create(Config.Model, 4);
        var before = target.state_dict()["fc.weight"].clone();

        var error = Assert.Throws<InvalidCheckpointException>(() => CheckpointFile.Read(path, Config.Hash(), target, null));

        Assert.StartsWith(path, error.Message);
        Assert.Contains("SHA-256", error.Message);
        Assert.True(before.Equals(target.state_dict()["fc.weight"]));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(30)]
    public void A_file_cut_inside_the_header_is_reported_with_the_file_name(int keptBytes)
    {
        using var directory = new TempFolder();
        var path = WriteCheckpoint(directory);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..keptBytes]);

        var error = Assert.Throws<InvalidCheckpointException>(() => CheckpointFile.LoadModel(path, Config, 4));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_file_of_another_format_is_rejected()
    {
        using var directory = new TempFolder();
        var path = directory.File("step-000000001.ckpt");
        File.WriteAllText(path, "PK not a checkpoint at all");

        var error = Assert.Throws<InvalidCheckpointException>(() => CheckpointFile.LoadModel(path, Config, 4));

        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void A_checkpoint_of_another_configuration_is_rejected()
    {
        using var directory = new TempFolder();
        var path = WriteCheckpoint(directory);
        var other = Config with { Train = Config.Train with { Seed = 99 } };

        var error = Assert.Throws<InvalidCheckpointException>(() => CheckpointFile.LoadModel(path, other, 4));

        Assert.Contains(other.Hash(), error.Message);
    }

    [Fact]
    public void A_checkpoint_rebuilds_its_model_from_the_file_alone()
    {
        using var directory = new TempFolder();
        var path = directory.File("step-000000042.ckpt");
        using var saved = ModelFactory.Create(Config.Model, 4);
        using var optimizer = NesterovSgd.Create(saved, Config.Train, 0.1);
        CheckpointFile.Write(path, SelfDescribingState(Config), saved, optimizer);

        using var restored = CheckpointFile.LoadModel(path);

        Assert.False(restored.training);
        Assert.Equal(saved.state_dict().Keys.Order(), restored.state_dict().Keys.Order());
        Assert.All(saved.state_dict(), entry => Assert.True(entry.Value.Equals(restored.state_dict()[entry.Key]), entry.Key));
        Assert.Equal(Config.Hash(), CheckpointFile.RecordedConfig(path).Hash());
        Assert.Equal(4, CheckpointFile.ReadState(path).ClassCount);
    }

    [Fact]
    public void A_checkpoint_that_does_not_record_its_configuration_cannot_be_loaded_from_the_file_alone()
    {
        using var directory = new TempFolder();
        var path = WriteCheckpoint(directory);

        var error = Assert.Throws<InvalidCheckpointException>(() => CheckpointFile.LoadModel(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("does not record its trial configuration", error.Message);
        using var model = CheckpointFile.LoadModel(path, Config, 4);
    }

    [Fact]
    public void A_recorded_configuration_that_does_not_match_the_header_hash_is_refused()
    {
        using var directory = new TempFolder();
        var path = directory.File("step-000000042.ckpt");
        using var model = ModelFactory.Create(Config.Model, 4);
        using var optimizer = NesterovSgd.Create(model, Config.Train, 0.1);
        var altered = Config with { Train = Config.Train with { Seed = 7 } };
        CheckpointFile.Write(path, SelfDescribingState(altered) with { ConfigHash = Config.Hash() }, model, optimizer);

        var error = Assert.Throws<InvalidCheckpointException>(() => CheckpointFile.RecordedConfig(path));

        Assert.Contains(altered.Hash(), error.Message);
        Assert.Contains(Config.Hash(), error.Message);
    }

    [Fact]
    public void Listing_orders_checkpoints_newest_first_and_ignores_other_files()
    {
        using var directory = new TempFolder();
        foreach (var name in new[] { "step-000000200.ckpt", "step-1000000000.ckpt", "step-1000000001.ckpt.tmp", "step-000000001.ckpt", "epoch-0003.ckpt", "notes.txt" })
            File.WriteAllText(directory.File(name), "");

        var listed = CheckpointFile.ListNewestFirst(directory.Path).ToArray();

        Assert.Equal([1_000_000_000L, 200, 1], listed.Select(checkpoint => checkpoint.Step));
        Assert.Equal(directory.File("step-1000000000.ckpt"), listed[0].Path);
    }

    /// <summary>A ResNet-8 trial's configuration as Sweeps stored it before issue 16 added keys.</summary>
    private const string ResNet8StoredBeforeIssue16 =
        """{"model":{"family":"resnet","depth":8,"width":0.125,"dropout":0,"skip":true,"batch_norm_momentum":0.1,"patch_size":8,"hidden_size":768,"heads":12,"mlp_size":3072},"data":{"train":"demo/imagenet64","val":"demo/imagenet64","crop":"random","flip":true,"classes":0,"class_list":[],"class_seed":0},"train":{"epochs":90,"steps":0,"batch_size":128,"optimizer":"sgd","learning_rate":0.1,"momentum":0.9,"beta2":0.999,"schedule":"step","warmup_epochs":5,"decay_at":[0.3333333333333333,0.6666666666666666,0.8888888888888888],"decay_factor":0.1,"weight_decay":0.0001,"label_smoothing":0,"seed":0,"device":""},"checkpoint":{"every_steps":0,"keep":"all","keep_last":3},"score":{"bapps":"demo/bapps/2afc/val","categories":[],"jnd":"","layers":[],"functions":["lpips"]}}""";

    [Fact]
    public void A_checkpoint_written_before_issue_16_loads_as_the_model_it_was_trained_as()
    {
        using var scope = NewDisposeScope();
        using var directory = new TempFolder();
        var path = directory.File("step-000000042.ckpt");
        // The header hash the old writer recorded: SHA-256 of that JSON (device empty).
        var storedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ResNet8StoredBeforeIssue16)));
        var trainedAs = new ModelConfig
        {
            Depth = 8, Width = 0.125, ZeroInitResidual = false, Initialisation = ModelConfig.TorchVisionInitialisation,
            PoolPadding = ModelConfig.SymmetricPoolPadding, ExtraDepth = ModelConfig.IdentityBlocksExtraDepth,
        };
        using var saved = ModelFactory.Create(trainedAs, 4);
        using var optimizer = NesterovSgd.Create(saved, Config.Train, 0.1);
        CheckpointFile.Write(path, State() with { ConfigHash = storedHash, Config = ResNet8StoredBeforeIssue16, ClassCount = 4 }, saved, optimizer);
        saved.eval();
        var input = rand(2, 3, 64, 64);

        using var restored = CheckpointFile.LoadModel(path);
        var recorded = CheckpointFile.RecordedConfig(path);

        Assert.Equal(trainedAs, recorded.Model);
        Assert.Equal(storedHash, recorded.Hash());
        Assert.Contains("layer1.1.conv1.weight", restored.state_dict().Keys);
        Assert.True(saved.call(input).Equals(restored.call(input)));
        // Today's defaults make it another trial, whose ResNet-8 the file does not fit.
        var today = recorded with { Model = new ModelConfig { Depth = 8, Width = 0.125 } };
        Assert.NotEqual(storedHash, today.Hash());
        Assert.Throws<InvalidCheckpointException>(() => CheckpointFile.LoadModel(path, today, 4));
    }

    private static CheckpointState State() => new(Epoch: 3, Step: 42, Config.Hash(), Seed: 0, TrainLoss: 1.25);

    private static CheckpointState SelfDescribingState(TrialConfig config) =>
        State() with { ConfigHash = config.Hash(), Config = config.ToJson(), ClassCount = 4 };

    private static string WriteCheckpoint(TempFolder directory)
    {
        var path = directory.File("step-000000042.ckpt");
        using var model = ModelFactory.Create(Config.Model, 4);
        using SGD optimizer = NesterovSgd.Create(model, Config.Train, 0.1);
        CheckpointFile.Write(path, State(), model, optimizer);
        return path;
    }
}
