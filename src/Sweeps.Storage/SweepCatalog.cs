using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

/// <summary>Sweeps and their trials as the user sees them: submitting (with reuse of trained trials),
/// finding, listing and the status of every trial. Scoped: one per unit of work; reads do not track.</summary>
public sealed class SweepCatalog(SweepsDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Stores a sweep and its trials in one transaction. A trial whose configuration is already
    /// queued, running or completed (in any sweep) is linked to the new sweep as reused instead of
    /// being trained again, unless <paramref name="force"/> asks for fresh trials.
    /// </summary>
    public async Task<SweepRecord> AddSweepAsync(string name, string yamlText, IReadOnlyList<NewTrial> trials, bool force, CancellationToken ct, int priority = 0)
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
            Priority = priority,
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
                // A reused trial is claimed as early as the most urgent sweep that lists it wants.
                await db.Trials.Where(t => t.Id == existingId && t.Priority < priority)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.Priority, priority), ct);
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
                    Priority = priority,
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

    public async Task<IReadOnlyList<TrialStatus>> GetTrialStatusesAsync(int sweepId, CancellationToken ct)
    {
        var trials = await db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId)
            .OrderBy(m => m.Index)
            .Select(m => new TrialStatus(
                m.TrialId, m.Index, m.Label, m.Trial!.State, m.Trial.CompletedEpochs, m.Trial.Attempts,
                m.Trial.BestTop1,
                m.Trial.BestPs,
                m.Trial.Error,
                m.Reused)
            {
                Interruptions = m.Trial.Interruptions,
                FailedAttempts = m.Trial.FailedAttempts,
                Priority = m.Trial.Priority,
                Request = m.Trial.Request,
                RequestReason = m.Trial.RequestReason,
                WorkerId = m.Trial.WorkerId,
                HeartbeatAt = m.Trial.HeartbeatAt,
                Step = m.Trial.Step,
                TotalSteps = m.Trial.TotalSteps,
                ImagesPerSecond = m.Trial.ImagesPerSecond,
                LogPath = m.Trial.LogPath,
            })
            .ToListAsync(ct);
        // The best checkpoints by a join of their own: in the query above EF numbers every checkpoint of the
        // study to find them (seconds at 72,000 checkpoints; this is milliseconds).
        var best = await db.SweepTrials.AsNoTracking()
            .Where(m => m.SweepId == sweepId && m.Trial!.BestCheckpointId != null)
            .Join(db.Checkpoints, m => m.Trial!.BestCheckpointId, c => c.Id, (m, c) => new
            {
                m.TrialId,
                Best = new BestCheckpoint(c.EpochFraction,
                    c.Scores.AsQueryable().Where(HeadlineScores.IsTop1).Select(s => (double?)s.Value).FirstOrDefault(),
                    c.Scores.AsQueryable().Where(HeadlineScores.IsPs).Select(s => (double?)s.Value).FirstOrDefault()),
            })
            .ToDictionaryAsync(b => b.TrialId, b => b.Best, ct);
        return trials.Select(t => best.TryGetValue(t.Id, out var b) ? t with { Best = b } : t).ToList();
    }

    /// <summary>The trials running under <paramref name="workerId"/> (a worker and its trials' child
    /// processes share it), oldest first.</summary>
    public async Task<IReadOnlyList<RunningTrial>> GetRunningTrialsAsync(string workerId, CancellationToken ct) =>
        await db.Trials.AsNoTracking()
            .Where(t => t.State == TrialState.Running && t.WorkerId == workerId)
            .OrderBy(t => t.Id)
            .Select(t => new RunningTrial(t.Id, t.Label, t.Attempts, t.Step, t.TotalSteps, t.ImagesPerSecond, t.ConfigJson))
            .ToListAsync(ct);

    /// <summary>Whether a trial of that id exists.</summary>
    public async Task<bool> TrialExistsAsync(int trialId, CancellationToken ct) =>
        await db.Trials.AnyAsync(t => t.Id == trialId, ct);

    /// <summary>The sweep file as submitted.</summary>
    public async Task<string> GetYamlAsync(int sweepId, CancellationToken ct) =>
        await db.Sweeps.AsNoTracking().Where(s => s.Id == sweepId).Select(s => s.YamlText).SingleAsync(ct);

    /// <summary>Where the trial's log file is, once a worker has started it.</summary>
    public async Task<string?> GetLogPathAsync(int trialId, CancellationToken ct) =>
        await db.Trials.AsNoTracking().Where(t => t.Id == trialId).Select(t => t.LogPath).FirstOrDefaultAsync(ct);

    /// <summary>The resolved configuration (JSON) of every trial of the sweep, in sweep order.</summary>
    /// <summary>The sweeps that list each of <paramref name="trialIds"/>: first the one that created it, then those
    /// that reused it, by id.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<int>>> GetListingSweepsAsync(IReadOnlyCollection<int> trialIds, CancellationToken ct)
    {
        var memberships = await db.SweepTrials.AsNoTracking().Where(m => trialIds.Contains(m.TrialId))
            .Select(m => new { m.TrialId, m.SweepId, m.Reused }).ToListAsync(ct);
        return memberships.GroupBy(m => m.TrialId).ToDictionary(trial => trial.Key,
            trial => (IReadOnlyList<int>)trial.OrderBy(m => m.Reused).ThenBy(m => m.SweepId).Select(m => m.SweepId).ToList());
    }

    public async Task<IReadOnlyList<string>> GetTrialConfigsAsync(int sweepId, CancellationToken ct) =>
        await db.SweepTrials.AsNoTracking().Where(m => m.SweepId == sweepId).OrderBy(m => m.Index)
            .Select(m => m.Trial!.ConfigJson).ToListAsync(ct);

    private static IQueryable<SweepRecord> AsRecords(IQueryable<Sweep> sweeps) =>
        sweeps.AsNoTracking().Select(s => new SweepRecord(
            s.Id, s.Name, s.YamlSha256, s.SubmittedAt,
            s.Members.OrderBy(m => m.Index).Select(m => m.TrialId).ToList(),
            s.Members.Count(m => m.Reused)));
}
