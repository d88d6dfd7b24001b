using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Faults;
using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>
/// Runs one attempt at a claimed trial: trains it from its newest intact checkpoint towards its last
/// step, recording and scoring every checkpoint under the claim, and reports how the attempt ended to
/// <see cref="TrialQueue.EndAttemptAsync"/>, whose <see cref="TrialLifecycle"/> decides what follows.
/// Once the claim is found stale it stops at once and writes nothing more. One instance per attempt
/// (scoped); everything it logs also goes to the trial's own log file.
/// </summary>
public sealed class TrialExecution(
    TrialQueue queue,
    ResultStore results,
    DataCatalog data,
    CheckpointScoring scoring,
    CheckpointKeeping retention,
    ReferenceScoring references,
    EarlyStoppingJudge judge,
    WorkerShutdown shutdown,
    DiskGuard disk,
    StepLog steps,
    IServiceScopeFactory scopes,
    IOptions<SweepsOptions> options,
    ILogger<TrialExecution> logger)
{
    public async Task RunAsync(ClaimedTrial trial, CancellationToken stopping)
    {
        var logPath = TrialFiles.LogPath(options.Value, trial.Id);
        using var logScope = logger.BeginScope(new TrialLogScope(trial.Id, trial.Attempt, logPath));
        logger.LogInformation("Trial {TrialId} ({Label}): attempt {Attempt} starts on {Worker}", trial.Id, trial.Label, trial.Attempt, trial.Claim.WorkerId);
        var progress = new TrialProgressMeter();
        AttemptEnd end;
        await using (var control = new TrialControl(scopes, trial.Claim, options.Value, progress, logPath, logger))
        {
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(control.ClaimLost, shutdown.Drain ? CancellationToken.None : stopping);
            try
            {
                end = await TrainAsync(trial, control, progress, abandon.Token, stopping);
            }
            catch (Exception lost) when (lost is StaleClaimException || control.ClaimLost.IsCancellationRequested)
            {
                // Another worker holds the trial now: leave everything to it.
                logger.LogWarning("Trial {TrialId}: attempt {Attempt} stopped without further writes; it no longer holds the trial", trial.Id, trial.Attempt);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                end = new AttemptEnd.Interrupted("the worker was stopped");
            }
            catch (CheckpointWriteException full)
            {
                // The previous checkpoint is intact; the trial goes back to the queue and this worker waits for room.
                disk.WriteFailed(full);
                logger.LogWarning("Trial {TrialId}: {Problem}", trial.Id, full.Message);
                end = new AttemptEnd.Failed(full.Message, full.Fault);
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "Trial {TrialId}: attempt {Attempt} failed", trial.Id, trial.Attempt);
                end = new AttemptEnd.Failed(failure.Message, (failure as SweepsException)?.Fault);
            }
        }
        await ConcludeAsync(trial, end);
    }

    private async Task ConcludeAsync(ClaimedTrial trial, AttemptEnd end)
    {
        try
        {
            var state = await queue.EndAttemptAsync(trial.Claim, end, options.Value.MaxAttempts, CancellationToken.None);
            logger.LogInformation("Trial {TrialId}: attempt {Attempt} ended ({End}); the trial is {State}", trial.Id, trial.Attempt, Describe(end), state);
        }
        catch (StaleClaimException)
        {
            logger.LogWarning("Trial {TrialId}: attempt {Attempt} ended ({End}) but no longer holds the trial; nothing was stored",
                trial.Id, trial.Attempt, Describe(end));
        }
        catch (Exception unreachable) when (unreachable is not OperationCanceledException)
        {
            // The database is away: the lease runs out and the next claim concludes the attempt from what was stored.
            logger.LogError(unreachable, "Trial {TrialId}: attempt {Attempt} ended ({End}) but that could not be stored; its lease will run out and the next claim takes it over",
                trial.Id, trial.Attempt, Describe(end));
        }
    }

    private static string Describe(AttemptEnd end) => end switch
    {
        AttemptEnd.Completed => "every step trained",
        AttemptEnd.Interrupted interrupted => interrupted.Reason,
        AttemptEnd.Failed failed => failed.Error,
        AttemptEnd.Settled { Request: OperatorRequest.Stop } => "stopped early by its sweep's early_terminate rule",
        AttemptEnd.Settled settled => $"{settled.Request} as the operator asked",
        AttemptEnd.Died died => died.How,
        _ => end.ToString(),
    };

    private async Task<AttemptEnd> TrainAsync(ClaimedTrial trial, TrialControl control, TrialProgressMeter progress,
        CancellationToken abandon, CancellationToken stopping)
    {
        var config = TrialConfig.FromJson(trial.ConfigJson).OnDevice(options.Value.Device);
        var train = data.Train(config.Data);
        await references.EnsureAsync(config.Score, abandon);
        using var trainer = new TrialTrainer(config, train, TrialFiles.Directory(options.Value, trial.Id), trial.Attempt)
        {
            BeforeCheckpointWrite = disk.WaitForRoom,
            StepTrained = steps.IsOn ? (step, started, ended) => steps.Append(trial.Claim, step, started, ended) : null,
        };
        progress.Attach(trainer, config.Train.BatchSize);
        try
        {
            var recorded = await results.GetCheckpointsAsync(trial.Id, abandon);
            var onDisk = recorded.Where(c => !c.FileDeleted).ToList();
            var resumed = trainer.ResumeFromLatest(onDisk.ToDictionary(c => c.Step, c => c.Sha256));
            foreach (var skipped in trainer.SkippedCheckpoints)
                logger.LogWarning("Trial {TrialId}: passed over checkpoint {Problem}", trial.Id, skipped);
            RequireNewestRecorded(trial, onDisk, resumed);
            if (resumed is not null)
            {
                logger.LogInformation("Trial {TrialId} resumes after step {Step} (epoch {Epoch:0.##})", trial.Id, resumed.Step, resumed.FractionalEpoch);
                await RecordMissingAsync(trial.Claim, config, resumed, recorded, trainer, train.ClassCount, abandon);
            }

            while (!trainer.IsFinished)
            {
                if (shutdown.Drain && stopping.IsCancellationRequested)
                    return new AttemptEnd.Interrupted("the worker was stopped (drained at a scheduled checkpoint)");
                var checkpoint = trainer.TrainToNextCheckpoint(abandon, control.StopRequested);
                if (checkpoint is not null)
                {
                    await RecordAsync(trial.Claim, config, checkpoint, trainer.Model, abandon);
                    bool stop = checkpoint.Scheduled && await judge.JudgeHeldAsync(trial, abandon);
                    await retention.ApplyAsync(trial.Claim, config.Checkpoint, abandon);
                    logger.LogInformation("Trial {TrialId} reached step {Step} of {TotalSteps} (epoch {Epoch:0.##}, loss {Loss:F4}){Kind}",
                        trial.Id, checkpoint.Step, trainer.TotalSteps, checkpoint.FractionalEpoch, checkpoint.TrainLoss,
                        checkpoint.Scheduled ? "" : ", unscheduled checkpoint to stop at");
                    // The stop recorded for the trial, with its reason, is what the attempt's end stores.
                    if (stop && !trainer.IsFinished)
                        return new AttemptEnd.Settled(OperatorRequest.Stop);
                }
                if (control.Request is { } request)
                    return new AttemptEnd.Settled(request);
            }
            return new AttemptEnd.Completed();
        }
        finally
        {
            progress.Detach();
        }
    }

    /// <summary>
    /// The resume point must be the newest recorded checkpoint (or a newer file its predecessor wrote but did
    /// not record): one this worker cannot find or whose SHA-256 differs means it does not see the
    /// CheckpointRoot the trial was trained on, and training from an older state would waste the work and
    /// leave records pointing at another machine's files.
    /// </summary>
    /// <exception cref="UnreadableCheckpointException">The newest recorded checkpoint is missing or differs.</exception>
    private void RequireNewestRecorded(ClaimedTrial trial, IReadOnlyList<CheckpointRecord> onDisk, CheckpointInfo? resumed)
    {
        var newest = onDisk.MaxBy(c => c.Step);
        if (newest is null || resumed is not null && resumed.Step >= newest.Step) return;
        var path = LocalPath(trial.Id, newest);
        var problem = File.Exists(path)
            ? $"has SHA-256 {CheckpointFile.Sha256(path)}, not the recorded {newest.Sha256}"
            : "is missing";
        if (path != newest.Path) problem += $" (recorded as {newest.Path})";
        throw new UnreadableCheckpointException(trial.Id, newest.Step, path, problem, trial.Claim.WorkerId);
    }

    /// <summary>Where a recorded checkpoint is on this worker: its file name in the trial's folder under this
    /// worker's CheckpointRoot (another box may mount the shared root elsewhere).</summary>
    private string LocalPath(int trialId, CheckpointRecord checkpoint) =>
        Path.Combine(TrialFiles.Directory(options.Value, trialId), Path.GetFileName(checkpoint.Path));

    /// <summary>A worker killed between writing a checkpoint and storing it or its scores leaves checkpoints
    /// unrecorded or unscored; they are recorded and scored now, from their files.</summary>
    private async Task RecordMissingAsync(TrialClaim claim, TrialConfig config, CheckpointInfo resumed,
        IReadOnlyList<CheckpointRecord> recorded, TrialTrainer trainer, int classCount, CancellationToken ct)
    {
        foreach (var old in recorded.Where(c => c.Scheduled && !c.HasScores && c.Step < resumed.Step))
        {
            var path = LocalPath(claim.TrialId, old);
            if (!File.Exists(path)) continue;
            if (CheckpointFile.Sha256(path) != old.Sha256)
                throw new UnreadableCheckpointException(claim.TrialId, old.Step, path, $"differs from its recorded SHA-256 {old.Sha256}", claim.WorkerId);
            using var model = CheckpointFile.LoadModel(path, config, classCount);
            await RecordAsync(claim, config, new CheckpointInfo(old.Step, old.Epoch, old.EpochFraction, old.Path, old.Sha256, double.NaN), model, ct);
        }
        var own = recorded.FirstOrDefault(c => c.Step == resumed.Step && c.Sha256 == resumed.Sha256);
        if (own is null || (resumed.Scheduled && !own.HasScores))
            await RecordAsync(claim, config, resumed, trainer.Model, ct);
    }

    /// <summary>Records the checkpoint and, for a scheduled one, its scores, all under the claim.</summary>
    private async Task RecordAsync(TrialClaim claim, TrialConfig config, CheckpointInfo checkpoint, FeatureClassifier model, CancellationToken ct)
    {
        int checkpointId = await results.RecordCheckpointAsync(claim,
            new NewCheckpoint(checkpoint.Epoch, checkpoint.FractionalEpoch, checkpoint.Step, checkpoint.Path, checkpoint.Sha256, checkpoint.Scheduled), ct);
        if (!checkpoint.Scheduled) return;
        model.eval();
        var scores = scoring.Score(model, config);
        model.train();
        await results.RecordScoresAsync(claim, checkpointId, scores, ct);
    }
}
