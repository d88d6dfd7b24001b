using System.Diagnostics;
using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Spec;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Sweeps.Training;

/// <summary>
/// Trains one trial from checkpoint to checkpoint: at every epoch end, every
/// <see cref="CheckpointConfig.EverySteps"/> steps when set, and at the last step. Every random
/// choice is a function of (seed, epoch) or (seed, step) and the data position follows from the
/// step, so a trainer resumed from any checkpoint, even mid-epoch, continues exactly as an
/// uninterrupted one. After a cancelled or failed stretch the trainer refuses further work: dispose
/// it and resume a new one from the last checkpoint.
/// </summary>
public sealed class TrialTrainer : IDisposable
{
    private readonly TrialConfig config;
    private readonly string configHash;
    private readonly string checkpointDirectory;
    private readonly int attempt;
    private readonly LabelledImages images;
    private readonly Device device;
    private readonly TrainingOrder order;
    private readonly LearningRateSchedule schedule;
    private readonly OptimizerHelper optimizer;
    private readonly List<string> skippedCheckpoints = [];
    private TrainingLoader? loader;
    private bool interrupted;

    /// <param name="attempt">The claim this trainer runs under; its checkpoint files carry it in their names
    /// (<see cref="CheckpointFile.NameFor"/>). 0 outside a sweep.</param>
    public TrialTrainer(TrialConfig config, LabelledImages train, string checkpointDirectory, int attempt = 0)
    {
        this.config = config;
        this.attempt = attempt;
        configHash = config.Hash();
        this.checkpointDirectory = checkpointDirectory;
        Directory.CreateDirectory(checkpointDirectory);
        images = train;
        device = TrainingDevice.For(config.Train);
        order = new TrainingOrder(train.Count, config.Train.BatchSize, config.Train.Seed, train.Source);
        schedule = new LearningRateSchedule(config.Train, order.StepsPerEpoch);
        // The initial weights come from torch's one process-wide generator: no other thread may seed it or
        // draw from it for a model between this seed and these draws.
        lock (ModelFactory.GlobalGenerator)
        {
            SeedTorch(config.Train.Seed);
            Model = ModelFactory.Create(config, train.ClassCount);
        }
        Model.to(device);
        optimizer = TrainingOptimizer.Create(Model, config.Train, schedule.At(0));
    }

    /// <summary>The live model; callers may switch it between eval() and train().</summary>
    public FeatureClassifier Model { get; }
    /// <summary>Optimiser updates applied so far; other threads may read it to report progress.</summary>
    public long Step
    {
        get => Interlocked.Read(ref step);
        private set => Interlocked.Exchange(ref step, value);
    }
    private long step;
    /// <summary>Whole epochs completed so far.</summary>
    public int CompletedEpochs => order.EpochOf(Step);
    public int StepsPerEpoch => order.StepsPerEpoch;
    /// <summary>Updates in the whole run (<c>train.steps</c>, or <c>train.epochs</c> x <see cref="StepsPerEpoch"/>).</summary>
    public long TotalSteps => schedule.TotalSteps;
    public bool IsFinished => Step >= TotalSteps;
    /// <summary>Called before each checkpoint file is written, with the cancellation of the stretch (the
    /// worker waits here for disk space).</summary>
    public Action<CancellationToken>? BeforeCheckpointWrite { get; init; }
    /// <summary>Called after each optimiser update with the step count it reached (1 for the first update) and
    /// when, in UTC, the update started and ended (the worker's step log).</summary>
    public Action<long, DateTime, DateTime>? StepTrained { get; init; }
    /// <summary>Why <see cref="ResumeFromLatest"/> passed over newer checkpoint files.</summary>
    public IReadOnlyList<string> SkippedCheckpoints => skippedCheckpoints;

    /// <summary>
    /// Loads the newest checkpoint that reads back intact, belongs to this configuration and, when
    /// <paramref name="expectedSha256ByStep"/> lists its step, has that SHA-256. Returns it, or null when
    /// training starts from scratch. Only valid before the first <see cref="TrainToNextCheckpoint"/>.
    /// </summary>
    public CheckpointInfo? ResumeFromLatest(IReadOnlyDictionary<long, string>? expectedSha256ByStep = null)
    {
        if (Step != 0 || interrupted || loader is not null)
            throw new InvalidOperationException("ResumeFromLatest is only valid on a trainer that has not trained yet.");
        foreach (var (step, path) in CheckpointFile.ListNewestFirst(checkpointDirectory))
        {
            try
            {
                var sha256 = CheckpointFile.Sha256(path);
                if (expectedSha256ByStep is not null && expectedSha256ByStep.TryGetValue(step, out var expected)
                    && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
                {
                    skippedCheckpoints.Add($"{path}: SHA-256 {sha256} differs from the recorded {expected}.");
                    continue;
                }
                var state = CheckpointFile.Read(path, configHash, Model, optimizer);
                Step = state.Step;
                return Info(path, sha256, state.TrainLoss);
            }
            catch (InvalidCheckpointException exception)
            {
                skippedCheckpoints.Add(exception.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// Trains up to the next checkpoint step, checking <paramref name="ct"/> between batches, then
    /// writes that checkpoint atomically and returns it.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint stays the resume point.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointWriteException">The checkpoint could not be written; the last one stays the resume point.</exception>
    public CheckpointInfo TrainToNextCheckpoint(CancellationToken ct) =>
        TrainToNextCheckpoint(ct, CancellationToken.None) ?? throw new UnreachableException("An unfinished trainer always trains a step.");

    /// <summary>
    /// As <see cref="TrainToNextCheckpoint(CancellationToken)"/>, but when <paramref name="stopEarly"/> fires first,
    /// stops at the step boundary and writes an unscheduled checkpoint there instead (null when no step
    /// was trained since the last checkpoint, which then stays the resume point).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; the last checkpoint stays the resume point.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <exception cref="CheckpointWriteException">The checkpoint could not be written; the last one stays the resume point.</exception>
    public CheckpointInfo? TrainToNextCheckpoint(CancellationToken ct, CancellationToken stopEarly)
    {
        if (interrupted)
            throw new InvalidOperationException("An earlier stretch was interrupted; resume a new trainer from the last checkpoint.");
        if (IsFinished)
            throw new InvalidOperationException($"All {TotalSteps} steps are already trained.");

        interrupted = true;
        loader ??= new TrainingLoader(images, order, config.Data, device, Step, TotalSteps);
        var target = NextCheckpointStep();
        var firstStep = Step;
        Model.train();
        var lossSum = 0.0;
        while (Step < target && !stopEarly.IsCancellationRequested)
        {
            ct.ThrowIfCancellationRequested();
            lossSum += TrainStep(ct);
        }
        if (Step == firstStep)
        {
            interrupted = false;
            return null;
        }

        var trainLoss = lossSum / (Step - firstStep);
        BeforeCheckpointWrite?.Invoke(ct);
        var path = Path.Combine(checkpointDirectory, CheckpointFile.NameFor(Step, attempt));
        var state = new CheckpointState(CompletedEpochs, Step, configHash, config.Train.Seed, trainLoss, config.ToJson(), images.ClassCount);
        var sha256 = CheckpointFile.Write(path, state, Model, optimizer);
        interrupted = false;
        return Info(path, sha256, trainLoss);
    }

    public void Dispose()
    {
        loader?.Dispose();
        optimizer.Dispose();
        Model.Dispose();
    }

    /// <summary>The nearest of: the end of the current epoch, the next multiple of every_steps, the last step.</summary>
    private long NextCheckpointStep()
    {
        var epochEnd = (long)(CompletedEpochs + 1) * StepsPerEpoch;
        var every = config.Checkpoint.EverySteps;
        var nextPeriodic = every > 0 ? (Step / every + 1) * every : long.MaxValue;
        return Math.Min(Math.Min(epochEnd, nextPeriodic), TotalSteps);
    }

    private CheckpointInfo Info(string path, string sha256, double trainLoss) =>
        new(Step, CompletedEpochs, (double)Step / StepsPerEpoch, path, sha256, trainLoss, IsScheduled(Step));

    /// <summary>Whether the configuration asks for a checkpoint after <paramref name="step"/> updates.</summary>
    private bool IsScheduled(long step) =>
        step % StepsPerEpoch == 0 || step == TotalSteps || (config.Checkpoint.EverySteps > 0 && step % config.Checkpoint.EverySteps == 0);

    private double TrainStep(CancellationToken ct)
    {
        using var scope = NewDisposeScope();
        var started = DateTime.UtcNow;
        SeedTorch(TrainingSeeds.Torch(config.Train.Seed, Step));
        var (batchImages, labels) = loader!.Next(ct);
        var loss = cross_entropy(Model.call(batchImages), labels, label_smoothing: config.Train.LabelSmoothing);
        // The one value read back per step: a NaN must stop training before it reaches the weights.
        var lossValue = loss.item<float>();
        if (!float.IsFinite(lossValue))
            throw new TrainingDivergedException(Step, lossValue);

        optimizer.zero_grad();
        loss.backward();
        TrainingOptimizer.SetRate(optimizer, schedule.At(Step));
        optimizer.step();
        Step++;
        StepTrained?.Invoke(Step, started, DateTime.UtcNow);
        return lossValue;
    }

    private void SeedTorch(long seed)
    {
        lock (ModelFactory.GlobalGenerator)
        {
            random.manual_seed(seed);
            if (device.type == DeviceType.CUDA)
                cuda.manual_seed_all(seed);
        }
    }
}
