using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

/// <summary>
/// Checkpoints, their scores and the reference scores of BAPPS folders. A worker's writes for a trial
/// carry its <see cref="TrialClaim"/> and are refused once the claim is stale. Scoped: one per unit of
/// work; reads do not track, so a long-lived instance never serves values another process has since changed.
/// </summary>
public sealed class ResultStore(SweepsDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Records a checkpoint written under <paramref name="claim"/>, replacing an earlier record of
    /// the same step (a resumed trial rewrites it), marks the attempt as having made progress, and returns
    /// the record's id.</summary>
    /// <exception cref="StaleClaimException">The claim no longer holds the trial; nothing was recorded.</exception>
    public async Task<int> RecordCheckpointAsync(TrialClaim claim, NewCheckpoint saved, CancellationToken ct)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldAsync(claim, now, ct);
        int trialId = claim.TrialId;
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
                .SetProperty(c => c.Attempt, claim.Attempt)
                .SetProperty(c => c.Scheduled, saved.Scheduled)
                .SetProperty(c => c.FileDeletedAt, (DateTime?)null)
                .SetProperty(c => c.CreatedAt, now), ct);
            checkpointId = id;
        }
        else
        {
            var checkpoint = new Checkpoint
            {
                TrialId = trialId, Epoch = saved.Epoch, EpochFraction = saved.EpochFraction, Step = saved.Step,
                Path = saved.Path, Sha256 = saved.Sha256, Attempt = claim.Attempt, Scheduled = saved.Scheduled, CreatedAt = now,
            };
            db.Checkpoints.Add(checkpoint);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            checkpointId = checkpoint.Id;
        }
        await db.Trials.Where(t => t.Id == trialId).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.ProgressAttempt, claim.Attempt)
            .SetProperty(t => t.ConsecutiveFailures, 0)
            .SetProperty(t => t.Step, t => saved.Step > t.Step ? saved.Step : t.Step)
            .SetProperty(t => t.CompletedEpochs, t => saved.Epoch > t.CompletedEpochs ? saved.Epoch : t.CompletedEpochs), ct);
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
                c.Scheduled,
                Headlines = c.Scores
                    .Where(s => (s.Layer == "" || s.Layer == "ensemble") && (s.Category == "" || s.Category == "mean"))
                    .Select(s => new { s.Metric, s.Function, s.Value })
                    .ToList(),
            })
            .ToListAsync(ct);
        return checkpoints.Select(c => new CheckpointSummary(c.Id, c.Step, c.Path, c.Scheduled,
            c.Headlines.ToDictionary(s => s.Function.Length == 0 ? s.Metric : $"{s.Metric}/{s.Function}", s => s.Value))).ToList();
    }

    /// <summary>Notes, before the file goes, that the keep policy deletes a checkpoint's file; its record
    /// and scores stay. Under a stale claim nothing is noted and the caller must not delete.</summary>
    /// <exception cref="StaleClaimException">The claim no longer holds the trial.</exception>
    public async Task MarkCheckpointFileDeletedAsync(TrialClaim claim, int checkpointId, CancellationToken ct)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldAsync(claim, now, ct);
        await db.Checkpoints.Where(c => c.Id == checkpointId && c.TrialId == claim.TrialId)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.FileDeletedAt, now), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Stores the scores of a checkpoint; a score whose key is already stored gets the new value.</summary>
    /// <exception cref="StaleClaimException">The claim no longer holds the trial; nothing was stored.</exception>
    public async Task RecordScoresAsync(TrialClaim claim, int checkpointId, IReadOnlyList<ScoreValue> scores, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldAsync(claim, Now, ct);
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
        await UpdateHeadlineBestsAsync(db.Trials.Where(t => t.Id == claim.TrialId), ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Sets every trial's <see cref="Trial.BestTop1"/> and <see cref="Trial.BestPs"/> from its stored scores,
    /// for rows written around <see cref="RecordScoresAsync"/> (the report benchmark's generated study).</summary>
    public Task UpdateHeadlineBestsAsync(CancellationToken ct) => UpdateHeadlineBestsAsync(db.Trials, ct);

    /// <summary>From the rows, not by raising the stored best: a checkpoint scored again may lower it.</summary>
    private static Task UpdateHeadlineBestsAsync(IQueryable<Trial> trials, CancellationToken ct) =>
        trials.ExecuteUpdateAsync(set => set
            .SetProperty(t => t.BestTop1, t => t.Checkpoints.SelectMany(c => c.Scores).AsQueryable().Where(HeadlineScores.IsTop1).Max(s => (double?)s.Value))
            .SetProperty(t => t.BestPs, t => t.Checkpoints.SelectMany(c => c.Scores).AsQueryable().Where(HeadlineScores.IsPs).Max(s => (double?)s.Value)), ct);

    public async Task<IReadOnlyList<CheckpointRecord>> GetCheckpointsAsync(int trialId, CancellationToken ct) =>
        await db.Checkpoints.AsNoTracking()
            .Where(c => c.TrialId == trialId)
            .OrderBy(c => c.Step)
            .Select(c => new CheckpointRecord(c.Id, c.Epoch, c.EpochFraction, c.Step, c.Path, c.Sha256, c.Scores.Any(), c.FileDeletedAt != null, c.Attempt, c.Scheduled))
            .ToListAsync(ct);

    /// <summary>The id of the newest score row (0 before any): it grows with every score stored, so a reader that
    /// draws scores can tell when to draw them again. One seek of the primary key.</summary>
    public async Task<int> GetNewestScoreIdAsync(CancellationToken ct) =>
        await db.Scores.AsNoTracking().MaxAsync(s => (int?)s.Id, ct) ?? 0;

    /// <summary>Every checkpoint of the sweep's trials that has both a top-1 and a PS score, by trial and step,
    /// each saying whether it is its trial's best checkpoint.</summary>
    public async Task<IReadOnlyList<ScoredCheckpoint>> GetScoredCheckpointsAsync(int sweepId, CancellationToken ct) =>
        await db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId)
            .SelectMany(m => m.Trial!.Checkpoints, (m, c) => new
            {
                c.TrialId,
                m.Label,
                c.Step,
                c.EpochFraction,
                IsBest = c.Id == m.Trial!.BestCheckpointId,
                Top1 = c.Scores.AsQueryable().Where(HeadlineScores.IsTop1).Select(s => (double?)s.Value).FirstOrDefault(),
                Ps = c.Scores.AsQueryable().Where(HeadlineScores.IsPs).Select(s => (double?)s.Value).FirstOrDefault(),
            })
            .Where(c => c.Top1 != null && c.Ps != null)
            .OrderBy(c => c.TrialId).ThenBy(c => c.Step)
            .Select(c => new ScoredCheckpoint(c.TrialId, c.Label, c.EpochFraction, c.Top1!.Value, c.Ps!.Value, c.IsBest))
            .ToListAsync(ct);

    /// <summary>
    /// Per-layer PS (lpips, category mean) of each trial's best checkpoint (its newest scored one while none
    /// is marked), trials in sweep order and layers in the order they were scored (network order, then the ensemble).
    /// </summary>
    public async Task<IReadOnlyList<LayerScore>> GetLayerScoresAsync(int sweepId, CancellationToken ct) =>
        (await GetBestCheckpointScoresAsync(sweepId, ct))
            .Where(s => s.Metric == "ps" && s.Function == "lpips" && s.Category == "mean")
            .Select(s => new LayerScore(s.TrialId, s.Label, s.Epochs, s.Layer, s.Value))
            .ToList();

    /// <summary>
    /// Every score of each trial's best checkpoint (see <see cref="Trial.BestCheckpointId"/>; its newest checkpoint
    /// with a per-layer PS while none is marked), trials in sweep order, scores in the order they were stored.
    /// </summary>
    public async Task<IReadOnlyList<BestCheckpointScore>> GetBestCheckpointScoresAsync(int sweepId, CancellationToken ct)
    {
        var members = await db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId)
            .OrderBy(m => m.Index)
            .Select(m => new
            {
                m.TrialId,
                m.Label,
                m.Trial!.BestCheckpointId,
                Newest = m.Trial.Checkpoints.Where(c => c.Scores.AsQueryable().Any(HeadlineScores.IsLayerPs))
                    .OrderByDescending(c => c.Step).Select(c => (int?)c.Id).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var chosen = members.Where(m => (m.BestCheckpointId ?? m.Newest) is not null)
            .Select(m => (m.TrialId, m.Label, CheckpointId: (m.BestCheckpointId ?? m.Newest)!.Value)).ToList();
        var checkpointIds = chosen.Select(m => m.CheckpointId).ToList();
        var epochs = await db.Checkpoints.AsNoTracking().Where(c => checkpointIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.EpochFraction, ct);
        var scores = await db.Scores.AsNoTracking()
            .Where(s => checkpointIds.Contains(s.CheckpointId))
            .OrderBy(s => s.Id)
            .Select(s => new { s.CheckpointId, s.Metric, s.Function, s.Layer, s.Category, s.Value })
            .ToListAsync(ct);
        var byCheckpoint = scores.ToLookup(s => s.CheckpointId);
        return chosen.SelectMany(trial => byCheckpoint[trial.CheckpointId]
                .Select(s => new BestCheckpointScore(trial.TrialId, trial.Label, epochs[trial.CheckpointId], s.Metric, s.Function, s.Layer, s.Category, s.Value)))
            .ToList();
    }

    /// <summary>The sweep's members in sweep order, as the results export names them.</summary>
    public async Task<IReadOnlyList<ResultTrial>> GetResultTrialsAsync(int sweepId, CancellationToken ct) =>
        await db.SweepTrials.AsNoTracking().Where(m => m.SweepId == sweepId).OrderBy(m => m.Index)
            .Select(m => new ResultTrial(m.TrialId, m.Index, m.Label, m.Trial!.State, m.Trial.ConfigJson, m.Trial.BestCheckpointId))
            .ToListAsync(ct);

    /// <summary>Every score of every checkpoint of the sweep's trials, by sweep position, step and storing order;
    /// streamed, so a study of millions of rows is never held in memory.</summary>
    public IAsyncEnumerable<CheckpointScoreRow> StreamScoreRowsAsync(int sweepId) =>
        db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId)
            .SelectMany(m => m.Trial!.Checkpoints, (m, c) => new { m.Index, Checkpoint = c })
            .SelectMany(x => x.Checkpoint.Scores, (x, s) => new { x.Index, x.Checkpoint, Score = s })
            .OrderBy(x => x.Index).ThenBy(x => x.Checkpoint.Step).ThenBy(x => x.Score.Id)
            .Select(x => new CheckpointScoreRow(x.Checkpoint.TrialId, x.Checkpoint.Id, x.Checkpoint.Step, x.Checkpoint.Epoch, x.Checkpoint.EpochFraction,
                x.Score.Metric, x.Score.Function, x.Score.Layer, x.Score.Category, x.Score.Value))
            .AsAsyncEnumerable();

    /// <summary>Every member of the sweep with its scheduled, scored checkpoints and their headline scores, in sweep order.</summary>
    public async Task<IReadOnlyList<TrialScoreHistory>> GetScoreHistoriesAsync(int sweepId, CancellationToken ct)
    {
        var members = await db.SweepTrials.AsNoTracking().Where(m => m.SweepId == sweepId).OrderBy(m => m.Index)
            .Select(m => new { m.TrialId, m.Index, m.Trial!.State, m.Trial.StartedAt, m.Trial.ConfigJson })
            .ToListAsync(ct);
        var trialIds = members.Select(m => m.TrialId).ToList();
        var rows = await db.Scores.AsNoTracking()
            .Where(s => (s.Layer == "" && s.Category == "") || (s.Metric == "ps" && s.Function == "lpips" && s.Layer == "ensemble" && s.Category == "mean"))
            .Join(db.Checkpoints.Where(c => trialIds.Contains(c.TrialId) && c.Scheduled), s => s.CheckpointId, c => c.Id,
                (s, c) => new { c.TrialId, CheckpointId = c.Id, c.Step, c.EpochFraction, s.Metric, s.Value })
            .ToListAsync(ct);
        var byTrial = rows.ToLookup(r => r.TrialId);
        return members.Select(m => new TrialScoreHistory(m.TrialId, m.Index, m.State, m.StartedAt, m.ConfigJson,
                byTrial[m.TrialId].GroupBy(r => (r.CheckpointId, r.Step, r.EpochFraction)).OrderBy(g => g.Key.Step)
                    .Select(g => new CheckpointHeadlines(g.Key.CheckpointId, g.Key.Step, g.Key.EpochFraction, g.ToDictionary(r => r.Metric, r => r.Value)))
                    .ToList()))
            .ToList();
    }

    /// <summary>Marks the trial's best checkpoint (see <see cref="Trial.BestCheckpointId"/>), unless a stop is
    /// recorded for it: the stop's rule named its best (<see cref="TrialQueue.RequestStopAsync"/>).</summary>
    /// <exception cref="StaleClaimException">The claim no longer holds the trial.</exception>
    public async Task MarkBestCheckpointAsync(TrialClaim claim, int checkpointId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldAsync(claim, Now, ct);
        await db.Trials.Where(t => t.Id == claim.TrialId && t.Request != OperatorRequest.Stop)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.BestCheckpointId, checkpointId), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The trial's best checkpoint, when one is marked.</summary>
    public async Task<int?> GetBestCheckpointIdAsync(int trialId, CancellationToken ct) =>
        await db.Trials.AsNoTracking().Where(t => t.Id == trialId).Select(t => t.BestCheckpointId).SingleAsync(ct);

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
}
