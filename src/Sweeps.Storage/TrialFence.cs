using Microsoft.EntityFrameworkCore;

namespace Sweeps.Storage;

internal static class TrialFence
{
    public static IQueryable<Trial> HeldUnder(this IQueryable<Trial> trials, TrialClaim claim) =>
        trials.Where(t => t.Id == claim.TrialId && t.Attempts == claim.Attempt && t.WorkerId == claim.WorkerId && t.State == TrialState.Running);

    /// <summary>
    /// The first statement of every write a worker makes for a trial: touches the trial's heartbeat only
    /// if <paramref name="claim"/> still holds it. Being a write, it also takes the trial's lock (SQLite's
    /// write lock, a row lock on a server) until the caller's transaction ends, so no newer claim can slip
    /// in between this check and the caller's writes.
    /// </summary>
    /// <exception cref="StaleClaimException">The claim no longer holds the trial.</exception>
    public static async Task HoldAsync(this SweepsDbContext db, TrialClaim claim, DateTime now, CancellationToken ct)
    {
        int held = await db.Trials.HeldUnder(claim).ExecuteUpdateAsync(set => set.SetProperty(t => t.HeartbeatAt, now), ct);
        if (held != 1)
            throw new StaleClaimException(claim);
    }
}
