using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

/// <summary>
/// The queue of trials and every change of their state: claims with leases and fencing tokens,
/// heartbeats, the end of attempts, the operator's commands and the early-stopping rules' stop requests. Each change follows
/// <see cref="TrialLifecycle"/> and is one conditional write, so it is stored before anything acts on it,
/// and a worker whose claim went stale is refused. Scoped: one per unit of work.
/// </summary>
public sealed class TrialQueue(SweepsDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Takes the queued trial of highest priority (oldest first), or a running one whose holder let its
    /// lease run out. Each try is conditional on the trial's attempt count being unchanged since it was read,
    /// so two workers racing for a trial cannot both win; the loser tries the next one. A trial whose
    /// holder died is concluded first (<see cref="AttemptEnd.Died"/>): taken over, or failed when it keeps
    /// dying without progress, or settled as an operator asked; a released one is claimed in the same write.
    /// On PostgreSQL each try runs in a transaction that locks its candidate, so racing workers pass over
    /// each other's candidates instead of losing the write.
    /// </summary>
    public async Task<ClaimedTrial?> ClaimNextAsync(string workerId, TimeSpan lease, int maxAttempts, CancellationToken ct)
    {
        while (true)
        {
            var now = Now;
            // SQLite gets none: a read transaction upgraded to a write fails at once when another writer got in
            // first, instead of waiting.
            await using var transaction = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(ct) : null;
            var candidate = await NextCandidateAsync(now, ct);
            if (candidate is null)
                return null;

            var verdict = candidate.State == TrialState.Queued
                ? new Verdict(TrialTransition.Claim, candidate.Interruptions, candidate.FailedAttempts, candidate.ConsecutiveFailures, candidate.Error)
                : TrialLifecycle.Conclude(Requested(candidate) ?? new AttemptEnd.Died($"the worker {candidate.WorkerId} running attempt {candidate.Attempts} stopped renewing its lease"),
                    Counters(candidate), maxAttempts);
            var unchanged = db.Trials.Where(t => t.Id == candidate.Id && t.Attempts == candidate.Attempts && t.State == candidate.State
                && (t.State == TrialState.Queued || t.LeaseExpiresAt < now));

            if (verdict.State is not (TrialState.Queued or TrialState.Running))
            {
                await SettleAsync(unchanged, verdict, now, ct);
                if (transaction is not null)
                    await transaction.CommitAsync(ct);
                continue;
            }
            int claimed = await unchanged.ExecuteUpdateAsync(set => set
                .SetProperty(t => t.State, TrialState.Running)
                .SetProperty(t => t.Attempts, t => t.Attempts + 1)
                .SetProperty(t => t.Interruptions, verdict.Interruptions)
                .SetProperty(t => t.FailedAttempts, verdict.FailedAttempts)
                .SetProperty(t => t.ConsecutiveFailures, verdict.ConsecutiveFailures)
                .SetProperty(t => t.Error, verdict.Error)
                .SetProperty(t => t.WorkerId, workerId)
                .SetProperty(t => t.LeaseExpiresAt, now + lease)
                .SetProperty(t => t.HeartbeatAt, now)
                .SetProperty(t => t.ImagesPerSecond, (double?)null)
                .SetProperty(t => t.StartedAt, t => t.StartedAt ?? now), ct);
            if (transaction is not null)
                await transaction.CommitAsync(ct);
            if (claimed == 1)
                return new ClaimedTrial(new TrialClaim(candidate.Id, candidate.Attempts + 1, workerId), candidate.SweepId, candidate.ConfigJson, candidate.Label);
        }
    }

    /// <summary>
    /// The claimable trial of highest priority (oldest first). On PostgreSQL it is locked until the caller's
    /// transaction ends and trials other workers have locked are skipped; EF Core's LINQ cannot say
    /// <c>FOR UPDATE SKIP LOCKED</c>, hence the SQL, which must match the LINQ query beside it.
    /// </summary>
    private async Task<Trial?> NextCandidateAsync(DateTime now, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return await db.Trials.AsNoTracking()
                .Where(t => t.State == TrialState.Queued || (t.State == TrialState.Running && t.LeaseExpiresAt < now))
                .OrderByDescending(t => t.Priority).ThenBy(t => t.Id)
                .FirstOrDefaultAsync(ct);
        string queued = nameof(TrialState.Queued), running = nameof(TrialState.Running);
        var locked = await db.Trials.FromSql($"""
            SELECT * FROM "Trials"
            WHERE "State" = {queued} OR ("State" = {running} AND "LeaseExpiresAt" < {now})
            ORDER BY "Priority" DESC, "Id"
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).AsNoTracking().ToListAsync(ct);
        return locked.SingleOrDefault();
    }

    /// <summary>
    /// For a worker that starts under a fixed WorkerId (a service restarted after a reboot or a kill):
    /// every trial still running under that id was held by its previous run, which is gone. Each is
    /// concluded as <see cref="AttemptEnd.Died"/> at once instead of after its lease runs out. Returns
    /// their ids.
    /// </summary>
    public async Task<IReadOnlyList<int>> RecoverAsync(string workerId, int maxAttempts, CancellationToken ct)
    {
        var orphans = await db.Trials.AsNoTracking().Where(t => t.State == TrialState.Running && t.WorkerId == workerId).ToListAsync(ct);
        var recovered = new List<int>();
        foreach (var orphan in orphans)
        {
            var end = Requested(orphan) ?? new AttemptEnd.Died($"the previous run of worker {workerId} ended during attempt {orphan.Attempts}");
            var verdict = TrialLifecycle.Conclude(end, Counters(orphan), maxAttempts);
            var unchanged = db.Trials.Where(t => t.Id == orphan.Id && t.Attempts == orphan.Attempts && t.WorkerId == workerId && t.State == TrialState.Running);
            if (await SettleAsync(unchanged, verdict, Now, ct) == 1)
                recovered.Add(orphan.Id);
        }
        return recovered;
    }

    /// <summary>
    /// Concludes every running trial whose lease has run out (<see cref="AttemptEnd.Died"/>, or settled as an operator
    /// asked) without claiming it: it goes back to the queue, or fails when it keeps dying without progress, so that
    /// status shows it as it is even while every worker is busy. Each is one conditional write on the attempt
    /// count and the expired lease, so running this twice at once (two nodes firing one job) concludes each trial
    /// once. Returns the ids it concluded.
    /// </summary>
    public async Task<IReadOnlyList<int>> ConcludeExpiredLeasesAsync(int maxAttempts, CancellationToken ct)
    {
        var now = Now;
        var expired = await db.Trials.AsNoTracking().Where(t => t.State == TrialState.Running && t.LeaseExpiresAt < now).ToListAsync(ct);
        var concluded = new List<int>();
        foreach (var trial in expired)
        {
            var end = Requested(trial) ?? new AttemptEnd.Died($"the worker {trial.WorkerId} running attempt {trial.Attempts} stopped renewing its lease");
            var verdict = TrialLifecycle.Conclude(end, Counters(trial), maxAttempts);
            var unchanged = db.Trials.Where(t => t.Id == trial.Id && t.Attempts == trial.Attempts && t.State == TrialState.Running && t.LeaseExpiresAt < now);
            if (await SettleAsync(unchanged, verdict, now, ct) == 1)
                concluded.Add(trial.Id);
        }
        return concluded;
    }

    /// <summary>Writes the verdict on a trial no worker holds any more (its holder is gone).</summary>
    private static Task<int> SettleAsync(IQueryable<Trial> unchanged, Verdict verdict, DateTime now, CancellationToken ct) =>
        unchanged.ExecuteUpdateAsync(set => set
            .SetProperty(t => t.State, verdict.State)
            .SetProperty(t => t.Interruptions, verdict.Interruptions)
            .SetProperty(t => t.FailedAttempts, verdict.FailedAttempts)
            .SetProperty(t => t.ConsecutiveFailures, verdict.ConsecutiveFailures)
            .SetProperty(t => t.Error, verdict.Error)
            .SetProperty(t => t.Request, (OperatorRequest?)null)
            .SetProperty(t => t.RequestReason, (string?)null)
            .SetProperty(t => t.WorkerId, (string?)null)
            .SetProperty(t => t.LeaseExpiresAt, (DateTime?)null)
            .SetProperty(t => t.ImagesPerSecond, (double?)null)
            .SetProperty(t => t.FinishedAt, t => verdict.State == TrialState.Queued ? t.FinishedAt : now), ct);

    /// <summary>The trial, if <paramref name="claim"/> still holds it (for a worker's child process).</summary>
    public async Task<ClaimedTrial?> GetHeldAsync(TrialClaim claim, CancellationToken ct) =>
        await db.Trials.AsNoTracking().HeldUnder(claim)
            .Select(t => new ClaimedTrial(claim, t.SweepId, t.ConfigJson, t.Label))
            .FirstOrDefaultAsync(ct);

    /// <summary>Extends the lease and stores the holder's progress; returns what an operator asked of the
    /// trial, if anything.</summary>
    /// <exception cref="StaleClaimException">The claim no longer holds the trial.</exception>
    public async Task<OperatorRequest?> HeartbeatAsync(TrialClaim claim, TimeSpan lease, TrialProgress progress, CancellationToken ct)
    {
        var now = Now;
        int held = await db.Trials.HeldUnder(claim).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.LeaseExpiresAt, now + lease)
            .SetProperty(t => t.HeartbeatAt, now)
            .SetProperty(t => t.Step, t => progress.Step ?? t.Step)
            .SetProperty(t => t.TotalSteps, t => progress.TotalSteps ?? t.TotalSteps)
            .SetProperty(t => t.ImagesPerSecond, t => progress.ImagesPerSecond ?? t.ImagesPerSecond)
            .SetProperty(t => t.LogPath, t => progress.LogPath ?? t.LogPath), ct);
        if (held != 1)
            throw new StaleClaimException(claim);
        return await db.Trials.AsNoTracking().Where(t => t.Id == claim.TrialId).Select(t => t.Request).SingleAsync(ct);
    }

    /// <summary>Concludes the attempt of <paramref name="claim"/> by <see cref="TrialLifecycle.Conclude"/>
    /// and returns the trial's new state.</summary>
    /// <exception cref="StaleClaimException">The claim no longer holds the trial; nothing was changed.</exception>
    public async Task<TrialState> EndAttemptAsync(TrialClaim claim, AttemptEnd end, int maxAttempts, CancellationToken ct)
    {
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.HoldAsync(claim, now, ct);
        var trial = await db.Trials.AsTracking().SingleAsync(t => t.Id == claim.TrialId, ct);
        // A holder settles what is stored: an operator's cancel may have replaced a pending stop, and a stop ends
        // with the reason recorded with it, whichever process recorded it.
        if (end is AttemptEnd.Settled)
            end = Requested(trial) ?? end;
        var verdict = TrialLifecycle.Conclude(end, Counters(trial), maxAttempts);
        TrialLifecycle.Ensure(trial.Id, trial.State, verdict.Transition);
        trial.State = verdict.State;
        trial.Interruptions = verdict.Interruptions;
        trial.FailedAttempts = verdict.FailedAttempts;
        trial.ConsecutiveFailures = verdict.ConsecutiveFailures;
        trial.Error = verdict.Error;
        trial.WorkerId = null;
        trial.LeaseExpiresAt = null;
        trial.ImagesPerSecond = null;
        if (verdict.Transition != TrialTransition.Release)
            (trial.Request, trial.RequestReason) = (null, null);
        if (TrialLifecycle.IsFinal(verdict.State) || verdict.State == TrialState.Paused)
            trial.FinishedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return verdict.State;
    }

    /// <summary>
    /// An operator's command on each of <paramref name="trialIds"/>: cancel and pause act at once on trials
    /// no worker runs, and are requested from the worker of a running one, which acts at its next step
    /// boundary after a checkpoint; resume and retry queue the trial again. A trial the command does not
    /// apply to is left alone and reported as refused.
    /// </summary>
    public async Task<IReadOnlyList<OperatorOutcome>> CommandAsync(IReadOnlyList<int> trialIds, TrialTransition command, CancellationToken ct)
    {
        if (command is not (TrialTransition.Cancel or TrialTransition.Pause or TrialTransition.Resume or TrialTransition.Retry))
            throw new ArgumentOutOfRangeException(nameof(command), command, "Operators cancel, pause, resume or retry.");
        var outcomes = new List<OperatorOutcome>();
        foreach (int id in trialIds)
        {
            var now = Now;
            var trial = await db.Trials.AsNoTracking().SingleAsync(t => t.Id == id, ct);
            if (command == TrialTransition.Resume && trial is { State: TrialState.Running, Request: OperatorRequest.Pause })
            {
                // Not paused yet: withdrawing the request is the whole resume.
                await db.Trials.Where(t => t.Id == id && t.Request == OperatorRequest.Pause)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.Request, (OperatorRequest?)null).SetProperty(t => t.RequestReason, (string?)null), ct);
                outcomes.Add(new(id, trial.Label, TrialState.Running, false, null));
                continue;
            }
            if (!TrialLifecycle.Allows(trial.State, command))
            {
                outcomes.Add(new(id, trial.Label, trial.State, false, new IllegalTransitionException(id, trial.State, command).Message));
                continue;
            }
            var same = db.Trials.Where(t => t.Id == id && t.State == trial.State && t.Attempts == trial.Attempts);
            int changed;
            bool requested = trial.State == TrialState.Running;
            if (requested)
            {
                // The operator's word replaces a pending early stop.
                var request = command == TrialTransition.Cancel ? OperatorRequest.Cancel : OperatorRequest.Pause;
                changed = await same.ExecuteUpdateAsync(set => set.SetProperty(t => t.Request, request).SetProperty(t => t.RequestReason, (string?)null), ct);
            }
            else
            {
                var target = TrialLifecycle.Target(command);
                bool clearsFailures = command == TrialTransition.Retry;
                changed = await same.ExecuteUpdateAsync(set => set
                    .SetProperty(t => t.State, target)
                    .SetProperty(t => t.Request, (OperatorRequest?)null)
                    .SetProperty(t => t.RequestReason, (string?)null)
                    .SetProperty(t => t.ConsecutiveFailures, t => clearsFailures ? 0 : t.ConsecutiveFailures)
                    .SetProperty(t => t.FinishedAt, t => target == TrialState.Queued ? null : now), ct);
            }
            // A worker changed the trial between the read and the write: look again.
            if (changed == 0)
            {
                outcomes.AddRange(await CommandAsync([id], command, ct));
                continue;
            }
            outcomes.Add(new(id, trial.Label, requested ? TrialState.Running : TrialLifecycle.Target(command), requested, null));
        }
        return outcomes;
    }

    /// <summary>
    /// Records the early-stopping rule's decision to stop attempt <paramref name="attempt"/> of a running trial, with
    /// its reason and the checkpoint the rule names as the trial's best; its holder acts on it at its next check.
    /// One conditional write: nothing is recorded once the trial has another attempt, has ended, or already has a
    /// request (an operator's cancel or pause, or this stop recorded by another process), so two processes
    /// deciding the same stop at once record it once. Returns whether this call recorded it.
    /// </summary>
    public async Task<bool> RequestStopAsync(int trialId, int attempt, string reason, int bestCheckpointId, CancellationToken ct) =>
        await db.Trials.Where(t => t.Id == trialId && t.Attempts == attempt && t.State == TrialState.Running && t.Request == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(t => t.Request, OperatorRequest.Stop)
                .SetProperty(t => t.RequestReason, reason)
                .SetProperty(t => t.BestCheckpointId, bestCheckpointId), ct) == 1;

    /// <summary>What is asked of the trial now, if anything.</summary>
    public async Task<OperatorRequest?> GetRequestAsync(int trialId, CancellationToken ct) =>
        await db.Trials.AsNoTracking().Where(t => t.Id == trialId).Select(t => t.Request).SingleAsync(ct);

    /// <summary>
    /// The running trials the early-stopping rules judge: nothing asked of them yet, and a checkpoint recorded by
    /// their current attempt. A retried or taken-over trial is thus judged again from its first new checkpoint on,
    /// as its holder judges it, and a retry is not stopped at once on the very history that stopped it.
    /// </summary>
    public async Task<IReadOnlyList<RunningAttempt>> GetRunningToJudgeAsync(CancellationToken ct) =>
        await db.Trials.AsNoTracking().Where(t => t.State == TrialState.Running && t.Request == null && t.ProgressAttempt == t.Attempts).OrderBy(t => t.Id)
            .Select(t => new RunningAttempt(t.Id, t.SweepId, t.Attempts)).ToListAsync(ct);

    /// <summary>Trials a worker may still pick up or is running.</summary>
    public Task<int> CountQueuedOrRunningAsync(CancellationToken ct) =>
        db.Trials.CountAsync(t => t.State == TrialState.Queued || t.State == TrialState.Running, ct);

    /// <summary>The request stored for the trial as the end of an attempt that acts on it.</summary>
    private static AttemptEnd? Requested(Trial trial) =>
        trial.Request is { } request ? new AttemptEnd.Settled(request, trial.RequestReason) : null;

    private static AttemptCounters Counters(Trial trial) => new(
        trial.Attempts, trial.ProgressAttempt, trial.Interruptions, trial.FailedAttempts, trial.ConsecutiveFailures, trial.Step, trial.LogPath);
}
