using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Spec;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Sweeps.Training;

/// <summary>
/// Trains one trial epoch by epoch, writing a checkpoint after each. Every random choice is a
/// function of (seed, epoch) or (seed, step), so a trainer resumed from a checkpoint continues
/// exactly as an uninterrupted one. After a cancelled or failed epoch the trainer refuses further
/// work: dispose it and resume a new one from the last checkpoint.
/// </summary>
public sealed class TrialTrainer : IDisposable
{
    private readonly TrialConfig config;
    private readonly string configHash;
    private readonly string checkpointDirectory;
    private readonly Device device;
    private readonly TrainingBatches batches;
    private readonly BatchAugmentation augmentation;
    private readonly LearningRateSchedule schedule;
    private readonly SGD optimizer;
    private readonly List<string> skippedCheckpoints = [];
    private bool interrupted;

    public TrialTrainer(TrialConfig config, LabelledImages train, string checkpointDirectory)
    {
        this.config = config;
        configHash = config.Hash();
        this.checkpointDirectory = checkpointDirectory;
        Directory.CreateDirectory(checkpointDirectory);
        device = TrainingDevice.For(config.Train);
        batches = new TrainingBatches(train, config.Train.BatchSize);
        augmentation = new BatchAugmentation(config.Data);
        schedule = new LearningRateSchedule(config.Train, batches.StepsPerEpoch);
        SeedTorch(config.Train.Seed);
        Model = ModelFactory.Create(config.Model, train.ClassCount);
        Model.to(device);
        optimizer = NesterovSgd.Create(Model, config.Train, schedule.At(0));
    }

    /// <summary>The live model; callers may switch it between eval() and train().</summary>
    public FeatureClassifier Model { get; }
    public int CompletedEpochs { get; private set; }
    /// <summary>Optimiser updates applied so far.</summary>
    public long Step { get; private set; }
    public int StepsPerEpoch => batches.StepsPerEpoch;
    /// <summary>Why <see cref="ResumeFromLatest"/> passed over newer checkpoint files.</summary>
    public IReadOnlyList<string> SkippedCheckpoints => skippedCheckpoints;

    /// <summary>
    /// Loads the newest checkpoint that reads back intact, belongs to this configuration and, when
    /// <paramref name="expectedSha256"/> lists its epoch, has that SHA-256. Returns it, or null when
    /// training starts from scratch. Only valid before the first <see cref="TrainEpoch"/>.
    /// </summary>
    public CheckpointInfo? ResumeFromLatest(IReadOnlyDictionary<int, string>? expectedSha256 = null)
    {
        if (Step != 0 || interrupted)
            throw new InvalidOperationException("ResumeFromLatest is only valid on a trainer that has not trained yet.");
        foreach (var (epoch, path) in CheckpointFile.ListNewestFirst(checkpointDirectory))
        {
            try
            {
                var sha256 = CheckpointFile.Sha256(path);
                if (expectedSha256 is not null && expectedSha256.TryGetValue(epoch, out var expected)
                    && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
                {
                    skippedCheckpoints.Add($"{path}: SHA-256 {sha256} differs from the recorded {expected}.");
                    continue;
                }
                var state = CheckpointFile.Read(path, configHash, Model, optimizer);
                CompletedEpochs = state.Epoch;
                Step = state.Step;
                return new CheckpointInfo(state.Epoch, state.Step, path, sha256, state.TrainLoss);
            }
            catch (InvalidCheckpointException exception)
            {
                skippedCheckpoints.Add(exception.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// Trains one epoch, checking <paramref name="ct"/> between batches, then writes the epoch's
    /// checkpoint atomically and returns it.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint stays the resume point.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public CheckpointInfo TrainEpoch(CancellationToken ct)
    {
        if (interrupted)
            throw new InvalidOperationException("An earlier epoch was interrupted; resume a new trainer from the last checkpoint.");
        if (CompletedEpochs >= config.Train.Epochs)
            throw new InvalidOperationException($"All {config.Train.Epochs} epochs are already trained.");

        interrupted = true;
        var order = batches.Shuffle(TrainingSeeds.Order(config.Train.Seed, CompletedEpochs));
        Model.train();
        var lossSum = 0.0;
        for (var batch = 0; batch < batches.StepsPerEpoch; batch++)
        {
            ct.ThrowIfCancellationRequested();
            lossSum += TrainStep(order.AsSpan(batch * batches.BatchSize, batches.BatchSize));
        }
        CompletedEpochs++;

        var trainLoss = lossSum / batches.StepsPerEpoch;
        var path = Path.Combine(checkpointDirectory, CheckpointFile.NameFor(CompletedEpochs));
        var state = new CheckpointState(CompletedEpochs, Step, configHash, config.Train.Seed, trainLoss);
        var sha256 = CheckpointFile.Write(path, state, Model, optimizer);
        interrupted = false;
        return new CheckpointInfo(CompletedEpochs, Step, path, sha256, trainLoss);
    }

    public void Dispose()
    {
        optimizer.Dispose();
        Model.Dispose();
    }

    private double TrainStep(ReadOnlySpan<int> indices)
    {
        using var scope = NewDisposeScope();
        SeedTorch(TrainingSeeds.Torch(config.Train.Seed, Step));
        var (images, labels) = batches.Load(indices, device);
        var augmented = augmentation.Apply(images, TrainingSeeds.Augmentation(config.Train.Seed, Step));
        var loss = cross_entropy(Model.call(augmented), labels, label_smoothing: config.Train.LabelSmoothing);
        var lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue))
            throw new TrainingDivergedException(Step, lossValue);

        optimizer.zero_grad();
        loss.backward();
        var rate = schedule.At(Step);
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
        optimizer.step();
        Step++;
        return lossValue;
    }

    private void SeedTorch(long seed)
    {
        random.manual_seed(seed);
        if (device.type == DeviceType.CUDA)
            cuda.manual_seed_all(seed);
    }
}
