using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Data;
using Sweeps.Models;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>
/// Trains one claimed trial to its last epoch, resuming from its newest intact checkpoint, and
/// records every checkpoint with its scores. One instance per trial (scoped): it owns the unit of
/// work's <see cref="SweepStore"/>. Every state change is written before this returns, whatever happens.
/// </summary>
public sealed class TrialExecution(
    SweepStore store,
    DataCatalog data,
    CheckpointScoring scoring,
    CheckpointKeeping retention,
    ReferenceScoring references,
    WorkerIdentity worker,
    IServiceScopeFactory scopes,
    IOptions<SweepsOptions> options,
    ILogger<TrialExecution> logger)
{
    public async Task RunAsync(ClaimedTrial trial, CancellationToken stopping)
    {
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var renewal = KeepLeaseAsync(trial.Id, lease, leaseLost, leaseLost.Token);
        try
        {
            await TrainAsync(trial, leaseLost.Token);
            await store.MarkCompletedAsync(trial.Id, CancellationToken.None);
            logger.LogInformation("Trial {TrialId} completed", trial.Id);
        }
        catch (OperationCanceledException) when (leaseLost.IsCancellationRequested)
        {
            // Stopping (or the lease went to another worker): the newest checkpoint is the resume point.
            await store.ReleaseAsync(trial.Id, worker.Id, CancellationToken.None);
            logger.LogInformation("Trial {TrialId} handed back to the queue at its last checkpoint", trial.Id);
        }
        catch (Exception failure) when (IsWorthRetrying(failure) && trial.Attempts < options.Value.MaxAttempts)
        {
            // A divergence that recurs at the same step after resuming is real; one that does not
            // was a fault of the attempt (TorchSharp 0.107 can lose a temporary Scalar to the GC).
            var reason = $"attempt {trial.Attempts} of {options.Value.MaxAttempts} failed: {failure.Message}";
            await store.ReleaseAsync(trial.Id, worker.Id, CancellationToken.None, reason);
            logger.LogWarning(failure, "Trial {TrialId}: {Reason}; it will resume from its last checkpoint", trial.Id, reason);
        }
        catch (TrainingDivergedException diverged)
        {
            await store.MarkFailedAsync(trial.Id, TrialState.Diverged, diverged.Message, CancellationToken.None);
            logger.LogWarning("Trial {TrialId} diverged: {Reason}", trial.Id, diverged.Message);
        }
        catch (Exception failure)
        {
            await store.MarkFailedAsync(trial.Id, TrialState.Failed, failure.Message, CancellationToken.None);
            logger.LogError(failure, "Trial {TrialId} failed", trial.Id);
        }
        finally
        {
            await leaseLost.CancelAsync();
            await renewal;
        }
    }

    /// <summary>Bad data and bad configurations fail the same way every time; anything else may not.</summary>
    private static bool IsWorthRetrying(Exception failure) =>
        failure is not (DataFormatException or InvalidCheckpointException or JsonException or ArgumentException or IOException);

    private async Task TrainAsync(ClaimedTrial trial, CancellationToken ct)
    {
        var config = TrialConfig.FromJson(trial.ConfigJson).OnDevice(options.Value.Device);
        var train = data.Train(config.Data);
        await references.EnsureAsync(config.Score, ct);
        var directory = Path.Combine(Path.GetFullPath(options.Value.CheckpointRoot), $"trial-{trial.Id:D6}");
        using var trainer = new TrialTrainer(config, train, directory);

        var recorded = await store.GetCheckpointsAsync(trial.Id, ct);
        var resumed = trainer.ResumeFromLatest(recorded.Where(c => !c.FileDeleted).ToDictionary(c => c.Step, c => c.Sha256));
        if (resumed is not null)
        {
            logger.LogInformation("Trial {TrialId} resumes after step {Step} (epoch {Epoch:0.##})", trial.Id, resumed.Step, resumed.FractionalEpoch);
            await ScoreUnscoredAsync(trial.Id, config, resumed, recorded, trainer, train.ClassCount, ct);
        }

        while (!trainer.IsFinished)
        {
            var checkpoint = trainer.TrainToNextCheckpoint(ct);
            await RecordAndScoreAsync(trial.Id, config, checkpoint, trainer.Model, ct);
            await retention.ApplyAsync(trial.Id, config.Checkpoint, ct);
            logger.LogInformation("Trial {TrialId} reached step {Step} (epoch {Epoch:0.##}, loss {Loss:F4})",
                trial.Id, checkpoint.Step, checkpoint.FractionalEpoch, checkpoint.TrainLoss);
        }
    }

    /// <summary>A worker killed between writing a checkpoint and storing its scores leaves
    /// checkpoints without scores; they are scored now, from their files.</summary>
    private async Task ScoreUnscoredAsync(int trialId, TrialConfig config, CheckpointInfo resumed,
        IReadOnlyList<CheckpointRecord> recorded, TrialTrainer trainer, int classCount, CancellationToken ct)
    {
        foreach (var old in recorded.Where(c => !c.HasScores && c.Step < resumed.Step && File.Exists(c.Path)))
        {
            using var model = CheckpointFile.LoadModel(old.Path, config, classCount);
            await RecordAndScoreAsync(trialId, config, new CheckpointInfo(old.Step, old.Epoch, old.EpochFraction, old.Path, old.Sha256, double.NaN), model, ct);
        }
        if (!recorded.Any(c => c.Step == resumed.Step && c.HasScores))
            await RecordAndScoreAsync(trialId, config, resumed, trainer.Model, ct);
    }

    private async Task RecordAndScoreAsync(int trialId, TrialConfig config, CheckpointInfo checkpoint,
        FeatureClassifier model, CancellationToken ct)
    {
        int checkpointId = await store.RecordCheckpointAsync(trialId,
            new NewCheckpoint(checkpoint.Epoch, checkpoint.FractionalEpoch, checkpoint.Step, checkpoint.Path, checkpoint.Sha256), ct);
        model.eval();
        var scores = scoring.Score(model, config);
        model.train();
        await store.RecordScoresAsync(checkpointId, scores, ct);
    }

    private async Task KeepLeaseAsync(int trialId, TimeSpan lease, CancellationTokenSource onLost, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                // Its own scope: the trial's DbContext is busy on the training thread.
                using var scope = scopes.CreateScope();
                var renewals = scope.ServiceProvider.GetRequiredService<SweepStore>();
                if (await renewals.RenewLeaseAsync(trialId, worker.Id, lease, ct)) continue;
                logger.LogWarning("Trial {TrialId}: lease lost to another worker; stopping it here", trialId);
                await onLost.CancelAsync();
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The trial ended.
        }
    }
}
