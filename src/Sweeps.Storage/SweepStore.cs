using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

/// <summary>
/// Every read and write of sweeps, trials, checkpoints and scores. Scoped: one per unit of work.
/// Reads do not track, and writes go straight to the database, so a long-lived instance never
/// serves values another process has since changed.
/// </summary>
public sealed class SweepStore(SweepsDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Applies pending migrations, then switches SQLite to write-ahead logging so readers
    /// (the CLI) never block the worker's writes.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    public async Task<SweepRecord> AddSweepAsync(string name, string yamlText, IReadOnlyList<NewTrial> trials, CancellationToken ct)
    {
        var now = Now;
        var sweep = new Sweep
        {
            Name = name,
            YamlText = yamlText,
            YamlSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yamlText))),
            SubmittedAt = now,
            Trials = trials.Select((trial, index) => new Trial
            {
                Index = index,
                Label = trial.Label,
                ConfigJson = trial.ConfigJson,
                ConfigHash = trial.ConfigHash,
                State = TrialState.Queued,
                CreatedAt = now,
            }).ToList(),
        };
        db.Sweeps.Add(sweep);
        // One SaveChanges is one transaction: the sweep and all its trials, or nothing.
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new SweepRecord(sweep.Id, sweep.Name, sweep.YamlSha256, sweep.SubmittedAt, sweep.Trials.Select(t => t.Id).ToList());
    }

    /// <summary>
    /// Takes the oldest trial that is queued or whose holder's lease ran out. The update only
    /// succeeds if the trial is still claimable and nobody claimed it since it was read (attempts
    /// unchanged), so two workers racing for it cannot both win; the loser tries the next one.
    /// </summary>
    public async Task<ClaimedTrial?> ClaimNextTrialAsync(string workerId, TimeSpan lease, CancellationToken ct)
    {
        while (true)
        {
            var now = Now;
            var candidate = await db.Trials.AsNoTracking()
                .Where(t => t.State == TrialState.Queued || (t.State == TrialState.Running && t.LeaseExpiresAt < now))
                .OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.SweepId, t.ConfigJson, t.Attempts, t.Label })
                .FirstOrDefaultAsync(ct);
            if (candidate is null)
                return null;

            int claimed = await db.Trials
                .Where(t => t.Id == candidate.Id && t.Attempts == candidate.Attempts)
                .Where(t => t.State == TrialState.Queued || (t.State == TrialState.Running && t.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(t => t.State, TrialState.Running)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                    .SetProperty(t => t.WorkerId, workerId)
                    .SetProperty(t => t.LeaseExpiresAt, now + lease)
                    .SetProperty(t => t.StartedAt, t => t.StartedAt ?? now), ct);
            if (claimed == 1)
                return new ClaimedTrial(candidate.Id, candidate.SweepId, candidate.ConfigJson, candidate.Attempts + 1, candidate.Label);
        }
    }

    /// <summary>Extends the lease; false when the trial is no longer running under this worker.</summary>
    public async Task<bool> RenewLeaseAsync(int trialId, string workerId, TimeSpan lease, CancellationToken ct)
    {
        var expires = Now + lease;
        int renewed = await HeldBy(trialId, workerId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.LeaseExpiresAt, expires), ct);
        return renewed == 1;
    }

    /// <summary>Records the checkpoint of an epoch, replacing an earlier record of the same epoch
    /// (a resumed trial rewrites it), and returns its id.</summary>
    public async Task<int> RecordCheckpointAsync(int trialId, int epoch, long step, string path, string sha256, CancellationToken ct)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int? existingId = await db.Checkpoints
            .Where(c => c.TrialId == trialId && c.Epoch == epoch)
            .Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(ct);
        int checkpointId;
        if (existingId is int id)
        {
            await db.Checkpoints.Where(c => c.Id == id).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.Step, step)
                .SetProperty(c => c.Path, path)
                .SetProperty(c => c.Sha256, sha256)
                .SetProperty(c => c.CreatedAt, now), ct);
            checkpointId = id;
        }
        else
        {
            var checkpoint = new Checkpoint { TrialId = trialId, Epoch = epoch, Step = step, Path = path, Sha256 = sha256, CreatedAt = now };
            db.Checkpoints.Add(checkpoint);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            checkpointId = checkpoint.Id;
        }
        await db.Trials.Where(t => t.Id == trialId && t.CompletedEpochs < epoch)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.CompletedEpochs, epoch), ct);
        await transaction.CommitAsync(ct);
        return checkpointId;
    }

    /// <summary>Stores the scores of a checkpoint; a score whose key is already stored gets the new value.</summary>
    public async Task RecordScoresAsync(int checkpointId, IReadOnlyList<ScoreValue> scores, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = await db.Scores.AsTracking().Where(s => s.CheckpointId == checkpointId).ToListAsync(ct);
        var byKey = stored.ToDictionary(s => (s.Metric, s.Function, s.Layer, s.Category));
        foreach (var score in scores)
        {
            var key = (score.Metric, score.Function, score.Layer, score.Category);
            if (byKey.TryGetValue(key, out var row))
            {
                row.Value = score.Value;
                continue;
            }
            row = new Score { CheckpointId = checkpointId, Metric = score.Metric, Function = score.Function, Layer = score.Layer, Category = score.Category, Value = score.Value };
            db.Scores.Add(row);
            byKey.Add(key, row);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    public async Task<IReadOnlyList<CheckpointRecord>> GetCheckpointsAsync(int trialId, CancellationToken ct) =>
        await db.Checkpoints.AsNoTracking()
            .Where(c => c.TrialId == trialId)
            .OrderBy(c => c.Epoch)
            .Select(c => new CheckpointRecord(c.Id, c.Epoch, c.Step, c.Path, c.Sha256, c.Scores.Any()))
            .ToListAsync(ct);

    public async Task MarkCompletedAsync(int trialId, CancellationToken ct)
    {
        var now = Now;
        await db.Trials.Where(t => t.Id == trialId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.State, TrialState.Completed)
            .SetProperty(t => t.Error, (string?)null)
            .SetProperty(t => t.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(t => t.FinishedAt, now), ct);
    }

    /// <summary>Ends a trial for good: <see cref="TrialState.Failed"/> or <see cref="TrialState.Diverged"/>.</summary>
    public async Task MarkFailedAsync(int trialId, TrialState state, string error, CancellationToken ct)
    {
        if (state is not (TrialState.Failed or TrialState.Diverged))
            throw new ArgumentOutOfRangeException(nameof(state), state, "A trial can only fail as Failed or Diverged.");
        var now = Now;
        await db.Trials.Where(t => t.Id == trialId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.State, state)
            .SetProperty(t => t.Error, error)
            .SetProperty(t => t.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(t => t.FinishedAt, now), ct);
    }

    /// <summary>Hands a trial this worker holds back to the queue, keeping its attempt count;
    /// the next claim resumes it from its newest checkpoint. <paramref name="error"/>, when given,
    /// records why (a failed attempt that will be retried).</summary>
    public async Task ReleaseAsync(int trialId, string workerId, CancellationToken ct, string? error = null)
    {
        await HeldBy(trialId, workerId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.State, TrialState.Queued)
            .SetProperty(t => t.Error, t => error ?? t.Error)
            .SetProperty(t => t.WorkerId, (string?)null)
            .SetProperty(t => t.LeaseExpiresAt, (DateTime?)null), ct);
    }

    /// <summary>A numeric argument is tried as an id first; otherwise the newest sweep of that name.</summary>
    public async Task<SweepRecord?> FindSweepAsync(string idOrName, CancellationToken ct)
    {
        if (int.TryParse(idOrName, out int id))
        {
            var byId = await AsRecords(db.Sweeps.Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
            if (byId is not null)
                return byId;
        }
        return await AsRecords(db.Sweeps.Where(s => s.Name == idOrName).OrderByDescending(s => s.Id)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<SweepRecord>> ListSweepsAsync(CancellationToken ct) =>
        await AsRecords(db.Sweeps.OrderBy(s => s.Id)).ToListAsync(ct);

    public async Task<IReadOnlyList<TrialStatus>> GetTrialStatusesAsync(int sweepId, CancellationToken ct) =>
        await db.Trials.AsNoTracking()
            .Where(t => t.SweepId == sweepId)
            .OrderBy(t => t.Index)
            .Select(t => new TrialStatus(
                t.Id, t.Index, t.Label, t.State, t.CompletedEpochs, t.Attempts,
                t.Checkpoints.SelectMany(c => c.Scores).AsQueryable().Where(HeadlineScores.IsTop1).Max(s => (double?)s.Value),
                t.Checkpoints.SelectMany(c => c.Scores).AsQueryable().Where(HeadlineScores.IsPs).Max(s => (double?)s.Value),
                t.Error))
            .ToListAsync(ct);

    /// <summary>Every checkpoint of the sweep that has both a top-1 and a PS score, by trial and epoch.</summary>
    public async Task<IReadOnlyList<ScoredCheckpoint>> GetScoredCheckpointsAsync(int sweepId, CancellationToken ct) =>
        await db.Checkpoints.AsNoTracking()
            .Where(c => c.Trial!.SweepId == sweepId)
            .Select(c => new
            {
                c.TrialId,
                c.Trial!.Label,
                c.Epoch,
                Top1 = c.Scores.AsQueryable().Where(HeadlineScores.IsTop1).Select(s => (double?)s.Value).FirstOrDefault(),
                Ps = c.Scores.AsQueryable().Where(HeadlineScores.IsPs).Select(s => (double?)s.Value).FirstOrDefault(),
            })
            .Where(c => c.Top1 != null && c.Ps != null)
            .OrderBy(c => c.TrialId).ThenBy(c => c.Epoch)
            .Select(c => new ScoredCheckpoint(c.TrialId, c.Label, c.Epoch, c.Top1!.Value, c.Ps!.Value))
            .ToListAsync(ct);

    /// <summary>The resolved configuration (JSON) of every trial of the sweep, in trial order.</summary>
    public async Task<IReadOnlyList<string>> GetTrialConfigsAsync(int sweepId, CancellationToken ct) =>
        await db.Trials.AsNoTracking().Where(t => t.SweepId == sweepId).OrderBy(t => t.Index).Select(t => t.ConfigJson).ToListAsync(ct);

    public Task<int> CountQueuedOrRunningAsync(CancellationToken ct) =>
        db.Trials.CountAsync(t => t.State == TrialState.Queued || t.State == TrialState.Running, ct);

    private IQueryable<Trial> HeldBy(int trialId, string workerId) =>
        db.Trials.Where(t => t.Id == trialId && t.WorkerId == workerId && t.State == TrialState.Running);

    private static IQueryable<SweepRecord> AsRecords(IQueryable<Sweep> sweeps) =>
        sweeps.AsNoTracking().Select(s => new SweepRecord(
            s.Id, s.Name, s.YamlSha256, s.SubmittedAt, s.Trials.OrderBy(t => t.Index).Select(t => t.Id).ToList()));
}
