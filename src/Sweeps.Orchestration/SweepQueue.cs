using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>Puts a validated sweep and all its trials in the queue, in one transaction. Trials whose
/// configuration is already queued, running or completed are reused unless <c>force</c> is set.
/// <c>priority</c> (default: the sweep file's) orders claims: higher first.</summary>
public sealed class SweepQueue(SweepCatalog catalog)
{
    public Task<SweepRecord> SubmitAsync(SweepDefinition sweep, bool force, CancellationToken ct, int? priority = null) =>
        catalog.AddSweepAsync(
            sweep.Name,
            sweep.YamlText,
            sweep.Trials.Select(t => new NewTrial(t.Label, t.Config.ToJson(), t.Config.Hash())).ToList(),
            force,
            ct,
            priority ?? sweep.Priority);
}
