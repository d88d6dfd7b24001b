using Microsoft.Extensions.Logging;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>Applies a trial's checkpoint keep policy after each checkpoint: deletes the files the policy
/// lets go, and every unscheduled checkpoint (taken only to stop at) once a newer one exists; records and
/// scores stay, and so does the file of the trial's best checkpoint. Each deletion is noted under the claim before the file goes, so a worker that lost its
/// claim deletes nothing.</summary>
public sealed class CheckpointKeeping(ResultStore results, ILogger<CheckpointKeeping> logger)
{
    public async Task ApplyAsync(TrialClaim claim, CheckpointConfig policy, CancellationToken ct)
    {
        var kept = await results.GetCheckpointSummariesAsync(claim.TrialId, ct);
        if (kept.Count == 0) return;
        var best = await results.GetBestCheckpointIdAsync(claim.TrialId, ct);
        var newest = kept.MaxBy(c => c.Step)!;
        var superseded = kept.Where(c => !c.Scheduled && c != newest);
        var scheduled = kept.Where(c => c.Scheduled || c == newest).ToList();
        var byStep = scheduled.ToDictionary(c => c.Step);
        var doomed = policy.Keep == "all"
            ? []
            : CheckpointRetention.ToDelete(scheduled.Select(c => new CheckpointCandidate(c.Step, c.Path, c.Metrics)).ToList(), policy)
                .Select(candidate => byStep[candidate.Step]);
        foreach (var checkpoint in superseded.Concat(doomed).Where(c => c.Id != best))
        {
            await results.MarkCheckpointFileDeletedAsync(claim, checkpoint.Id, ct);
            File.Delete(checkpoint.Path);
            logger.LogDebug("Trial {TrialId}: checkpoint at step {Step} deleted ({Why})", claim.TrialId, checkpoint.Step,
                checkpoint.Scheduled ? $"'{policy.Keep}' keep policy" : "superseded stopping point");
        }
    }
}
