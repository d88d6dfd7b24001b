using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
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
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (file is not ("" or ":memory:"))
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// Stores a sweep and its trials in one transaction. A trial whose configuration is already
    /// queued, running or completed (in any sweep) is linked to the new sweep as reused instead of
    /// being trained again, unless <paramref name="force"/> asks for fresh trials.
    /// </summary>
    public async Task<SweepRecord> AddSweepAsync(string name, string yamlText, IReadOnlyList<NewTrial> trials, bool force, CancellationToken ct)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reusable = force ? [] : await ReusableTrialsAsync(trials.Select(t => t.ConfigHash).ToList(), ct);
        var sweep = new Sweep
        {
            Name = name,
            YamlText = yamlText,
            YamlSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yamlText))),
            SubmittedAt = now,
        };
        db.Sweeps.Add(sweep);
        await db.SaveChangesAsync(ct);
        for (int index = 0; index < trials.Count; index++)
        {
            var trial = trials[index];
            var member = new SweepTrial { SweepId = sweep.Id, Index = index, Label = trial.Label };
            if (reusable.TryGetValue(trial.ConfigHash, out int existingId))
            {
                member.TrialId = existingId;
                member.Reused = true;
            }
            else
            {
                member.Trial = new Trial
                {
                    SweepId = sweep.Id,
                    Index = index,
                    Label = trial.Label,
                    ConfigJson = trial.ConfigJson,
                    ConfigHash = trial.ConfigHash,
                    State = TrialState.Queued,
                    CreatedAt = now,
                };
            }
            db.SweepTrials.Add(member);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await AsRecords(db.Sweeps.Where(s => s.Id == sweep.Id)).SingleAsync(ct);
    }

    /// <summary>The newest trial per configuration hash that has not failed: those need no new training.</summary>
    private async Task<Dictionary<string, int>> ReusableTrialsAsync(IReadOnlyList<string> hashes, CancellationToken ct)
    {
        var candidates = await db.Trials.AsNoTracking()
            .Where(t => hashes.Contains(t.ConfigHash))
            .Where(t => t.State == TrialState.Queued || t.State == TrialState.Running || t.State == TrialState.Completed)
            .Select(t => new { t.ConfigHash, t.Id })
            .ToListAsync(ct);
        return candidates.GroupBy(t => t.ConfigHash).ToDictionary(g => g.Key, g => g.Max(t => t.Id));
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

    /// <summary>The trial, if it is running under <paramref name="workerId"/>'s lease (for a worker's child process).</summary>
    public async Task<ClaimedTrial?> GetHeldTrialAsync(int trialId, string workerId, CancellationToken ct) =>
        await HeldBy(trialId, workerId).AsNoTracking()
            .Select(t => new ClaimedTrial(t.Id, t.SweepId, t.ConfigJson, t.Attempts, t.Label))
            .FirstOrDefaultAsync(ct);

    /// <summary>Extends the lease; false when the trial is no longer running under this worker.</summary>
    public async Task<bool> RenewLeaseAsync(int trialId, string workerId, TimeSpan lease, CancellationToken ct)
    {
        var expires = Now + lease;
        int renewed = await HeldBy(trialId, workerId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.LeaseExpiresAt, expires), ct);
        return renewed == 1;
    }

    /// <summary>Records a checkpoint, replacing an earlier record of the same step (a resumed trial
    /// rewrites it), and returns its id.</summary>
    public async Task<int> RecordCheckpointAsync(int trialId, NewCheckpoint saved, CancellationToken ct)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int? existingId = await db.Checkpoints
            .Where(c => c.TrialId == trialId && c.Step == saved.Step)
            .Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(ct);
        int checkpointId;
        if (existingId is int id)
        {
            await db.Checkpoints.Where(c => c.Id == id).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.Epoch, saved.Epoch)
                .SetProperty(c => c.EpochFraction, saved.EpochFraction)
                .SetProperty(c => c.Path, saved.Path)
                .SetProperty(c => c.Sha256, saved.Sha256)
                .SetProperty(c => c.FileDeletedAt, (DateTime?)null)
                .SetProperty(c => c.CreatedAt, now), ct);
            checkpointId = id;
        }
        else
        {
            var checkpoint = new Checkpoint
            {
                TrialId = trialId, Epoch = saved.Epoch, EpochFraction = saved.EpochFraction, Step = saved.Step,
                Path = saved.Path, Sha256 = saved.Sha256, CreatedAt = now,
            };
            db.Checkpoints.Add(checkpoint);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            checkpointId = checkpoint.Id;
        }
        await db.Trials.Where(t => t.Id == trialId && t.CompletedEpochs < saved.Epoch)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.CompletedEpochs, saved.Epoch), ct);
        await transaction.CommitAsync(ct);
        return checkpointId;
    }

    /// <summary>The trial's checkpoints that still have a file, oldest first, with their headline metrics.</summary>
    public async Task<IReadOnlyList<CheckpointSummary>> GetCheckpointSummariesAsync(int trialId, CancellationToken ct)
    {
        var checkpoints = await db.Checkpoints.AsNoTracking()
            .Where(c => c.TrialId == trialId && c.FileDeletedAt == null)
            .OrderBy(c => c.Step)
            .Select(c => new
            {
                c.Id,
                c.Step,
                c.Path,
                Headlines = c.Scores
                    .Where(s => (s.Layer == "" || s.Layer == "ensemble") && (s.Category == "" || s.Category == "mean"))
                    .Select(s => new { s.Metric, s.Function, s.Value })
                    .ToList(),
            })
            .ToListAsync(ct);
        return checkpoints.Select(c => new CheckpointSummary(c.Id, c.Step, c.Path,
            c.Headlines.ToDictionary(s => s.Function.Length == 0 ? s.Metric : $"{s.Metric}/{s.Function}", s => s.Value))).ToList();
    }

    /// <summary>Notes that the keep policy deleted a checkpoint's file; its record and scores stay.</summary>
    public async Task MarkCheckpointFileDeletedAsync(int checkpointId, CancellationToken ct)
    {
        var now = Now;
        await db.Checkpoints.Where(c => c.Id == checkpointId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.FileDeletedAt, now), ct);
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
            .OrderBy(c => c.Step)
            .Select(c => new CheckpointRecord(c.Id, c.Epoch, c.EpochFraction, c.Step, c.Path, c.Sha256, c.Scores.Any(), c.FileDeletedAt != null))
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
        await db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId)
            .OrderBy(m => m.Index)
            .Select(m => new TrialStatus(
                m.TrialId, m.Index, m.Label, m.Trial!.State, m.Trial.CompletedEpochs, m.Trial.Attempts,
                m.Trial.Checkpoints.SelectMany(c => c.Scores).AsQueryable().Where(HeadlineScores.IsTop1).Max(s => (double?)s.Value),
                m.Trial.Checkpoints.SelectMany(c => c.Scores).AsQueryable().Where(HeadlineScores.IsPs).Max(s => (double?)s.Value),
                m.Trial.Error,
                m.Reused))
            .ToListAsync(ct);

    /// <summary>Every checkpoint of the sweep's trials that has both a top-1 and a PS score, by trial and step.</summary>
    public async Task<IReadOnlyList<ScoredCheckpoint>> GetScoredCheckpointsAsync(int sweepId, CancellationToken ct) =>
        await db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId)
            .SelectMany(m => m.Trial!.Checkpoints, (m, c) => new
            {
                c.TrialId,
                m.Label,
                c.Step,
                c.EpochFraction,
                Top1 = c.Scores.AsQueryable().Where(HeadlineScores.IsTop1).Select(s => (double?)s.Value).FirstOrDefault(),
                Ps = c.Scores.AsQueryable().Where(HeadlineScores.IsPs).Select(s => (double?)s.Value).FirstOrDefault(),
            })
            .Where(c => c.Top1 != null && c.Ps != null)
            .OrderBy(c => c.TrialId).ThenBy(c => c.Step)
            .Select(c => new ScoredCheckpoint(c.TrialId, c.Label, c.EpochFraction, c.Top1!.Value, c.Ps!.Value))
            .ToListAsync(ct);

    /// <summary>
    /// Per-layer PS of each trial's newest checkpoint that has such rows, trials in sweep order and layers
    /// in the order they were scored (network order, then the ensemble).
    /// </summary>
    public async Task<IReadOnlyList<LayerScore>> GetLayerScoresAsync(int sweepId, CancellationToken ct)
    {
        var newest = await db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId)
            .OrderBy(m => m.Index)
            .Select(m => new
            {
                m.TrialId,
                m.Label,
                Checkpoint = m.Trial!.Checkpoints.Where(c => c.Scores.AsQueryable().Any(HeadlineScores.IsLayerPs))
                    .OrderByDescending(c => c.Step).Select(c => new { c.Id, c.EpochFraction }).FirstOrDefault(),
            })
            .Where(m => m.Checkpoint != null)
            .ToListAsync(ct);
        var checkpointIds = newest.Select(m => m.Checkpoint!.Id).ToList();
        var layers = await db.Scores.AsNoTracking()
            .Where(s => checkpointIds.Contains(s.CheckpointId))
            .Where(HeadlineScores.IsLayerPs)
            .OrderBy(s => s.Id)
            .Select(s => new { s.CheckpointId, s.Layer, s.Value })
            .ToListAsync(ct);
        var byCheckpoint = layers.ToLookup(layer => layer.CheckpointId);
        return newest.SelectMany(trial => byCheckpoint[trial.Checkpoint!.Id]
                .Select(layer => new LayerScore(trial.TrialId, trial.Label, trial.Checkpoint!.EpochFraction, layer.Layer, layer.Value)))
            .ToList();
    }

    /// <summary>The resolved configuration (JSON) of every trial of the sweep, in sweep order.</summary>
    public async Task<IReadOnlyList<string>> GetTrialConfigsAsync(int sweepId, CancellationToken ct) =>
        await db.SweepTrials.AsNoTracking().Where(m => m.SweepId == sweepId).OrderBy(m => m.Index)
            .Select(m => m.Trial!.ConfigJson).ToListAsync(ct);

    /// <summary>Stores the model-independent scores of a BAPPS folder, replacing earlier values.</summary>
    public async Task RecordReferenceScoresAsync(string folder, IReadOnlyList<ScoreValue> scores, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ReferenceScores.Where(s => s.Folder == folder).ExecuteDeleteAsync(ct);
        db.ReferenceScores.AddRange(scores.Select(s => new ReferenceScore
        {
            Folder = folder, Metric = s.Metric, Function = s.Function, Category = s.Category, Value = s.Value,
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    public async Task<IReadOnlyList<ScoreValue>> GetReferenceScoresAsync(string folder, CancellationToken ct) =>
        await db.ReferenceScores.AsNoTracking().Where(s => s.Folder == folder)
            .OrderBy(s => s.Function).ThenBy(s => s.Category)
            .Select(s => new ScoreValue(s.Metric, s.Function, "", s.Category, s.Value))
            .ToListAsync(ct);

    public Task<int> CountQueuedOrRunningAsync(CancellationToken ct) =>
        db.Trials.CountAsync(t => t.State == TrialState.Queued || t.State == TrialState.Running, ct);

    private IQueryable<Trial> HeldBy(int trialId, string workerId) =>
        db.Trials.Where(t => t.Id == trialId && t.WorkerId == workerId && t.State == TrialState.Running);

    private static IQueryable<SweepRecord> AsRecords(IQueryable<Sweep> sweeps) =>
        sweeps.AsNoTracking().Select(s => new SweepRecord(
            s.Id, s.Name, s.YamlSha256, s.SubmittedAt,
            s.Members.OrderBy(m => m.Index).Select(m => m.TrialId).ToList(),
            s.Members.Count(m => m.Reused)));
}
