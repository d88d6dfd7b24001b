using Sweeps.Data;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class TrialTrainerTests
{
    // 128 images in batches of 16: 8 steps per epoch. Dropout on, so resuming must also restore its randomness.
    private static readonly TrialConfig SmallTrial = new()
    {
        Model = new ModelConfig { Depth = 18, Width = 0.125, Dropout = 0.2 },
        Train = new TrainConfig { Epochs = 3, BatchSize = 16, LearningRate = 0.1, WarmupEpochs = 0.5, DecayAt = [0.5], Seed = 3 },
    };

    private static readonly LabelledImages Images = GeneratedImages.SolidColours(128, seed: 1);

    public TrialTrainerTests() => SingleThreadedTorch.Ensure();

    [Fact]
    public void Training_on_separable_colours_lowers_the_loss_and_learns_them()
    {
        using var directory = new TempFolder();
        var config = new TrialConfig
        {
            Model = new ModelConfig { Depth = 6, Width = 0.25 },
            Train = new TrainConfig { Epochs = 3, BatchSize = 32, LearningRate = 0.4, WarmupEpochs = 0, DecayAt = [], Seed = 1 },
        };
        var images = GeneratedImages.SolidColours(256, seed: 2);
        using var trainer = new TrialTrainer(config, images, directory.Path);

        var losses = Enumerable.Range(0, 3).Select(_ => trainer.TrainEpoch(CancellationToken.None).TrainLoss).ToArray();

        Assert.True(losses[2] < 0.5 * losses[0], $"losses {string.Join(", ", losses)}");
        Assert.True(TrainAccuracy(trainer, images) > 0.9);
    }

    [Fact]
    public void Epochs_write_checkpoints_that_record_the_progress()
    {
        using var directory = new TempFolder();
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);

        var first = trainer.TrainEpoch(CancellationToken.None);
        var second = trainer.TrainEpoch(CancellationToken.None);

        Assert.Equal((1, 8L, directory.File("epoch-0001.ckpt")), (first.Epoch, first.Step, first.Path));
        Assert.Equal((2, 16L, directory.File("epoch-0002.ckpt")), (second.Epoch, second.Step, second.Path));
        Assert.Equal(CheckpointFile.Sha256(second.Path), second.Sha256);
        Assert.Equal(["epoch-0001.ckpt", "epoch-0002.ckpt"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order());
        Assert.Equal((2, 16L), (trainer.CompletedEpochs, trainer.Step));
    }

    [Fact]
    public void Resuming_after_one_epoch_reproduces_uninterrupted_training_bit_for_bit()
    {
        using var uninterruptedDirectory = new TempFolder();
        using var resumedDirectory = new TempFolder();
        using var uninterrupted = new TrialTrainer(SmallTrial, Images, uninterruptedDirectory.Path);
        for (var epoch = 0; epoch < 3; epoch++)
            uninterrupted.TrainEpoch(CancellationToken.None);

        using (var firstRun = new TrialTrainer(SmallTrial, Images, resumedDirectory.Path))
            firstRun.TrainEpoch(CancellationToken.None);
        using var resumed = new TrialTrainer(SmallTrial, Images, resumedDirectory.Path);
        var resumePoint = resumed.ResumeFromLatest();
        resumed.TrainEpoch(CancellationToken.None);
        var last = resumed.TrainEpoch(CancellationToken.None);

        Assert.Equal((1, 8L), (resumePoint!.Epoch, resumePoint.Step));
        Assert.Equal((3, 24L), (resumed.CompletedEpochs, resumed.Step));
        var expected = uninterrupted.Model.state_dict();
        var actual = resumed.Model.state_dict();
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, entry => Assert.True(entry.Value.Equals(actual[entry.Key]), $"{entry.Key} differs"));
        Assert.Equal(CheckpointFile.Sha256(uninterruptedDirectory.File("epoch-0003.ckpt")), last.Sha256);
    }

    [Fact]
    public void A_truncated_latest_checkpoint_falls_back_to_the_previous_epoch()
    {
        using var directory = new TempFolder();
        var (first, second) = TrainTwoEpochs(directory);
        using (var file = new FileStream(second.Path, FileMode.Open))
            file.SetLength(file.Length / 2);

        using var resumed = new TrialTrainer(SmallTrial, Images, directory.Path);
        var resumePoint = resumed.ResumeFromLatest();

        Assert.Equal(first, resumePoint);
        Assert.Equal((1, 8L), (resumed.CompletedEpochs, resumed.Step));
        var skipped = Assert.Single(resumed.SkippedCheckpoints);
        Assert.Contains(second.Path, skipped);
        Assert.Contains("truncated", skipped);
    }

    [Fact]
    public void A_checksum_mismatch_falls_back_to_the_previous_epoch()
    {
        using var directory = new TempFolder();
        var (first, second) = TrainTwoEpochs(directory);
        var recorded = new Dictionary<int, string> { [1] = first.Sha256, [2] = new string('0', 64) };

        using var resumed = new TrialTrainer(SmallTrial, Images, directory.Path);
        var resumePoint = resumed.ResumeFromLatest(recorded);

        Assert.Equal(first, resumePoint);
        var skipped = Assert.Single(resumed.SkippedCheckpoints);
        Assert.Contains(second.Path, skipped);
        Assert.Contains(second.Sha256, skipped);
    }

    [Fact]
    public void Without_checkpoints_training_starts_from_scratch()
    {
        using var directory = new TempFolder();
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);

        Assert.Null(trainer.ResumeFromLatest());
        Assert.Equal((0, 0L), (trainer.CompletedEpochs, trainer.Step));
        Assert.Empty(trainer.SkippedCheckpoints);
    }

    [Fact]
    public void A_saved_checkpoint_loads_back_into_a_model_with_identical_outputs()
    {
        using var directory = new TempFolder();
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);
        var checkpoint = trainer.TrainEpoch(CancellationToken.None);
        using var scope = NewDisposeScope();
        var input = rand(4, 3, 64, 64, generator: new Generator(1));
        trainer.Model.eval();

        using var loaded = CheckpointFile.LoadModel(checkpoint.Path, SmallTrial, GeneratedImages.ClassCount);

        Assert.False(loaded.training);
        Assert.True(trainer.Model.call(input).Equals(loaded.call(input)));
    }

    [Fact]
    public void A_huge_learning_rate_stops_training_with_the_diverged_step()
    {
        using var directory = new TempFolder();
        var config = SmallTrial with { Train = SmallTrial.Train with { LearningRate = 1e12, WarmupEpochs = 0 } };
        using var trainer = new TrialTrainer(config, Images, directory.Path);

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.TrainEpoch(CancellationToken.None));

        Assert.InRange(error.Step, 1, 7);
        Assert.Equal(trainer.Step, error.Step);
        Assert.False(double.IsFinite(error.Loss));
        Assert.Empty(Directory.GetFiles(directory.Path));
        Assert.Throws<InvalidOperationException>(() => trainer.TrainEpoch(CancellationToken.None));
    }

    [Fact]
    public void Cancellation_stops_before_the_next_batch_without_a_checkpoint()
    {
        using var directory = new TempFolder();
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);

        Assert.Throws<OperationCanceledException>(() => trainer.TrainEpoch(new CancellationToken(canceled: true)));

        Assert.Equal(0, trainer.Step);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    private static (CheckpointInfo First, CheckpointInfo Second) TrainTwoEpochs(TempFolder directory)
    {
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);
        return (trainer.TrainEpoch(CancellationToken.None), trainer.TrainEpoch(CancellationToken.None));
    }

    private static double TrainAccuracy(TrialTrainer trainer, LabelledImages images)
    {
        using var scope = NewDisposeScope();
        trainer.Model.eval();
        var batches = new TrainingBatches(images, images.Count);
        var (pixels, labels) = batches.Load(Enumerable.Range(0, images.Count).ToArray(), CPU);
        using var noGrad = no_grad();
        return trainer.Model.call(pixels).argmax(1).eq(labels).to_type(ScalarType.Float32).mean().item<float>();
    }
}
