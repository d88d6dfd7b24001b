using Sweeps.Data;
using Sweeps.Spec;
using static TorchSharp.torch;

namespace Sweeps.Training.Tests;

public class TrialTrainerTests
{
    // 128 images in batches of 16: 8 steps per epoch. Dropout on, so resuming must also restore its randomness.
    private static readonly TrialConfig SmallTrial = new()
    {
        Model = new ModelConfig { Depth = 6, Width = 0.25, Dropout = 0.2 },
        Train = new TrainConfig { Epochs = 3, BatchSize = 16, LearningRate = 0.1, WarmupEpochs = 0.5, DecayAt = [0.5], Seed = 3 },
    };

    private static readonly TrialConfig AdamWTrial = SmallTrial with
    {
        Train = SmallTrial.Train with { Optimizer = "adamw", LearningRate = 0.01, Beta2 = 0.99, WeightDecay = 0.3, Schedule = "cosine" },
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

        var losses = TrainToEnd(trainer).Select(checkpoint => checkpoint.TrainLoss).ToArray();

        Assert.Equal(3, losses.Length);
        Assert.True(losses[2] < 0.5 * losses[0], $"losses {string.Join(", ", losses)}");
        Assert.True(TrainAccuracy(trainer, images) > 0.9);
    }

    [Fact]
    public void Checkpoints_fall_at_every_epoch_end_and_every_n_steps()
    {
        using var directory = new TempFolder();
        var config = SmallTrial with { Train = SmallTrial.Train with { Epochs = 2 }, Checkpoint = new CheckpointConfig { EverySteps = 3 } };
        using var trainer = new TrialTrainer(config, Images, directory.Path);

        var checkpoints = TrainToEnd(trainer);

        Assert.Equal([3L, 6, 8, 9, 12, 15, 16], checkpoints.Select(checkpoint => checkpoint.Step));
        Assert.Equal([0, 0, 1, 1, 1, 1, 2], checkpoints.Select(checkpoint => checkpoint.Epoch));
        Assert.Equal([0.375, 0.75, 1, 1.125, 1.5, 1.875, 2], checkpoints.Select(checkpoint => checkpoint.FractionalEpoch));
        Assert.Equal(directory.File("step-000000009.ckpt"), checkpoints[3].Path);
        Assert.Equal(CheckpointFile.Sha256(checkpoints[3].Path), checkpoints[3].Sha256);
        Assert.Equal(7, Directory.GetFiles(directory.Path).Length);
        Assert.All(checkpoints, checkpoint => Assert.True(double.IsFinite(checkpoint.TrainLoss) && checkpoint.TrainLoss > 0));
        Assert.Equal((2, 16L), (trainer.CompletedEpochs, trainer.Step));
    }

    [Fact]
    public void A_length_in_steps_ends_mid_epoch_with_a_last_checkpoint()
    {
        using var directory = new TempFolder();
        var config = SmallTrial with { Train = SmallTrial.Train with { Steps = 12 } };
        using var trainer = new TrialTrainer(config, Images, directory.Path);

        var checkpoints = TrainToEnd(trainer);

        Assert.Equal(12, trainer.TotalSteps);
        Assert.Equal([(8L, 1, 1.0), (12L, 1, 1.5)], checkpoints.Select(checkpoint => (checkpoint.Step, checkpoint.Epoch, checkpoint.FractionalEpoch)));
        Assert.True(trainer.IsFinished);
        Assert.Throws<InvalidOperationException>(() => trainer.TrainToNextCheckpoint(CancellationToken.None));
    }

    [Theory]
    [InlineData("sgd", 10)]
    [InlineData("sgd", 16)]
    [InlineData("adamw", 10)]
    [InlineData("adamw", 16)]
    public void Resuming_mid_epoch_or_at_an_epoch_end_reproduces_uninterrupted_training_bit_for_bit(string optimizer, long stopStep)
    {
        // Checkpoints every 5 steps and at epoch ends: 5, 8, 10, 15, 16, 20, 24. Step 10 is mid-epoch 1, step 16 ends epoch 2.
        var config = (optimizer == "sgd" ? SmallTrial : AdamWTrial) with { Checkpoint = new CheckpointConfig { EverySteps = 5 } };
        using var uninterruptedDirectory = new TempFolder();
        using var resumedDirectory = new TempFolder();
        using var uninterrupted = new TrialTrainer(config, Images, uninterruptedDirectory.Path);
        var expectedLast = TrainToEnd(uninterrupted)[^1];

        using (var firstRun = new TrialTrainer(config, Images, resumedDirectory.Path))
        {
            while (firstRun.Step < stopStep)
                firstRun.TrainToNextCheckpoint(CancellationToken.None);
        }
        using var resumed = new TrialTrainer(config, Images, resumedDirectory.Path);
        var resumePoint = resumed.ResumeFromLatest();
        var last = TrainToEnd(resumed)[^1];

        Assert.Equal(stopStep, resumePoint!.Step);
        Assert.Equal(24L, resumed.Step);
        var expected = uninterrupted.Model.state_dict();
        var actual = resumed.Model.state_dict();
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.All(expected, entry => Assert.True(entry.Value.Equals(actual[entry.Key]), $"{entry.Key} differs"));
        // The whole file (weights, optimiser state, step, loss since the previous checkpoint) agrees too.
        Assert.Equal(expectedLast.Sha256, last.Sha256);
    }

    [Fact]
    public void A_truncated_latest_checkpoint_falls_back_to_the_previous_one()
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
    public void A_checksum_mismatch_falls_back_to_the_previous_checkpoint()
    {
        using var directory = new TempFolder();
        var (first, second) = TrainTwoEpochs(directory);
        var recorded = new Dictionary<long, string> { [8] = first.Sha256, [16] = new string('0', 64) };

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
        Assert.Equal((0, 0L, false), (trainer.CompletedEpochs, trainer.Step, trainer.IsFinished));
        Assert.Empty(trainer.SkippedCheckpoints);
    }

    [Fact]
    public void A_saved_checkpoint_loads_back_into_a_model_with_identical_outputs()
    {
        using var directory = new TempFolder();
        using var trainer = new TrialTrainer(AdamWTrial, Images, directory.Path);
        var checkpoint = trainer.TrainToNextCheckpoint(CancellationToken.None);
        using var scope = NewDisposeScope();
        var input = rand(4, 3, 64, 64, generator: new Generator(1));
        trainer.Model.eval();

        using var loaded = CheckpointFile.LoadModel(checkpoint.Path, AdamWTrial, GeneratedImages.ClassCount);

        Assert.False(loaded.training);
        Assert.True(trainer.Model.call(input).Equals(loaded.call(input)));
    }

    [Fact]
    public void A_huge_learning_rate_stops_training_with_the_diverged_step()
    {
        using var directory = new TempFolder();
        var config = SmallTrial with { Train = SmallTrial.Train with { LearningRate = 1e12, WarmupEpochs = 0 } };
        using var trainer = new TrialTrainer(config, Images, directory.Path);

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.TrainToNextCheckpoint(CancellationToken.None));

        Assert.InRange(error.Step, 1, 7);
        Assert.Equal(trainer.Step, error.Step);
        Assert.False(double.IsFinite(error.Loss));
        Assert.Empty(Directory.GetFiles(directory.Path));
        Assert.Throws<InvalidOperationException>(() => trainer.TrainToNextCheckpoint(CancellationToken.None));
    }

    [Fact]
    public void Cancellation_stops_before_the_next_batch_without_a_checkpoint()
    {
        using var directory = new TempFolder();
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);

        Assert.Throws<OperationCanceledException>(() => trainer.TrainToNextCheckpoint(new CancellationToken(canceled: true)));

        Assert.Equal(0, trainer.Step);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Asked_to_stop_early_it_checkpoints_at_the_step_boundary_and_resuming_there_matches_uninterrupted_training()
    {
        using var uninterruptedDirectory = new TempFolder();
        using var directory = new TempFolder();
        using var uninterrupted = new TrialTrainer(SmallTrial, Images, uninterruptedDirectory.Path);
        TrainToEnd(uninterrupted);

        CheckpointInfo stop;
        using (var first = new TrialTrainer(SmallTrial, Images, directory.Path, attempt: 2))
        {
            // An operator's request arrives from another thread while the first epoch (8 steps) trains.
            using var request = new CancellationTokenSource();
            var watcher = new Thread(() =>
            {
                while (first.Step < 3) Thread.Sleep(1);
                request.Cancel();
            });
            watcher.Start();
            stop = first.TrainToNextCheckpoint(CancellationToken.None, request.Token)!;
            watcher.Join();
        }

        Assert.InRange(stop.Step, 3, 7);
        Assert.False(stop.Scheduled);
        Assert.Equal(directory.File($"step-{stop.Step:D9}-a0002.ckpt"), stop.Path);
        using var resumed = new TrialTrainer(SmallTrial, Images, directory.Path, attempt: 3);
        Assert.Equal(stop, resumed.ResumeFromLatest());
        var rest = TrainToEnd(resumed);
        Assert.All(rest, checkpoint => Assert.True(checkpoint.Scheduled));
        Assert.EndsWith("-a0003.ckpt", rest[^1].Path);
        var expected = uninterrupted.Model.state_dict();
        Assert.All(resumed.Model.state_dict(), entry => Assert.True(entry.Value.Equals(expected[entry.Key]), $"{entry.Key} differs"));
    }

    [Fact]
    public void Asked_to_stop_before_any_step_it_writes_nothing_and_can_go_on()
    {
        using var directory = new TempFolder();
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);

        Assert.Null(trainer.TrainToNextCheckpoint(CancellationToken.None, new CancellationToken(canceled: true)));

        Assert.Empty(Directory.GetFiles(directory.Path));
        Assert.Equal((8L, true), (trainer.TrainToNextCheckpoint(CancellationToken.None).Step, trainer.TrainToNextCheckpoint(CancellationToken.None).Scheduled));
    }

    [Fact]
    public void Each_attempt_writes_its_own_file_and_the_newest_attempt_of_the_newest_step_is_listed_first()
    {
        using var directory = new TempFolder();
        string Train(int attempt)
        {
            using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path, attempt);
            return trainer.TrainToNextCheckpoint(CancellationToken.None).Path;
        }

        var second = Train(attempt: 2);
        var tenth = Train(attempt: 10);
        File.Copy(second, directory.File("step-000000007.ckpt"));

        Assert.Equal([directory.File("step-000000008-a0010.ckpt"), directory.File("step-000000008-a0002.ckpt"), directory.File("step-000000007.ckpt")],
            CheckpointFile.ListNewestFirst(directory.Path).Select(c => c.Path));
        Assert.Equal([8L, 8, 7], CheckpointFile.ListNewestFirst(directory.Path).Select(c => c.Step));
        Assert.NotEqual(second, tenth);
    }

    private static List<CheckpointInfo> TrainToEnd(TrialTrainer trainer)
    {
        var checkpoints = new List<CheckpointInfo>();
        while (!trainer.IsFinished)
            checkpoints.Add(trainer.TrainToNextCheckpoint(CancellationToken.None));
        return checkpoints;
    }

    private static (CheckpointInfo First, CheckpointInfo Second) TrainTwoEpochs(TempFolder directory)
    {
        using var trainer = new TrialTrainer(SmallTrial, Images, directory.Path);
        return (trainer.TrainToNextCheckpoint(CancellationToken.None), trainer.TrainToNextCheckpoint(CancellationToken.None));
    }

    private static double TrainAccuracy(TrialTrainer trainer, LabelledImages images)
    {
        using var scope = NewDisposeScope();
        trainer.Model.eval();
        var pixels = tensor(images.Rows(0, images.Count).ToArray(), [images.Count, 3, images.Size, images.Size]).to(ScalarType.Float32) / 255;
        var labels = tensor(images.Labels.Select(label => (long)label).ToArray());
        using var noGrad = no_grad();
        return trainer.Model.call(pixels).argmax(1).eq(labels).to_type(ScalarType.Float32).mean().item<float>();
    }
}
