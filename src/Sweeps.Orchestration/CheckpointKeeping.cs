using Microsoft.Extensions.Logging;
using Sweeps.Spec;
using Sweeps.Storage;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>Applies a trial's checkpoint keep policy after each scored checkpoint: deletes the files
/// the policy lets go and marks them deleted; records and scores stay.</summary>
public sealed class CheckpointKeeping(SweepStore store, ILogger<CheckpointKeeping> logger)
{
    public async Task ApplyAsync(int trialId, CheckpointConfig policy, CancellationToken ct)
    {
        if (policy.Keep == "all") return;
        var kept = await store.GetCheckpointSummariesAsync(trialId, ct);
        var candidates = kept.Select(c => new CheckpointCandidate(c.Step, c.Path, c.Metrics)).ToList();
        var byStep = kept.ToDictionary(c => c.Step);
        foreach (var doomed in CheckpointRetention.ToDelete(candidates, policy))
        {
            File.Delete(doomed.Path);
            await store.MarkCheckpointFileDeletedAsync(byStep[doomed.Step].Id, ct);
            logger.LogDebug("Trial {TrialId}: checkpoint at step {Step} deleted by the '{Policy}' keep policy", trialId, doomed.Step, policy.Keep);
        }
    }
}
