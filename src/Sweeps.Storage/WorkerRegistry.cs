using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

/// <summary>Where workers report that they are alive, and what holds them back. Scoped.</summary>
public sealed class WorkerRegistry(SweepsDbContext db, TimeProvider clock)
{
    /// <summary>Stores this worker's heartbeat and note, adding its row on the first beat of a run.</summary>
    public async Task BeatAsync(string workerId, DateTime startedAt, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int updated = await db.Workers.Where(w => w.Id == workerId).ExecuteUpdateAsync(set => set
            .SetProperty(w => w.StartedAt, startedAt)
            .SetProperty(w => w.HeartbeatAt, now)
            .SetProperty(w => w.Note, note), ct);
        if (updated == 1) return;
        db.Workers.Add(new Worker { Id = workerId, StartedAt = startedAt, HeartbeatAt = now, Note = note });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Workers heard from within <paramref name="recent"/>, most recent first.</summary>
    public async Task<IReadOnlyList<WorkerStatus>> ListAsync(TimeSpan recent, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - recent;
        return await db.Workers.AsNoTracking().Where(w => w.HeartbeatAt >= since).OrderByDescending(w => w.HeartbeatAt)
            .Select(w => new WorkerStatus(w.Id, w.StartedAt, w.HeartbeatAt, w.Note)).ToListAsync(ct);
    }
}
