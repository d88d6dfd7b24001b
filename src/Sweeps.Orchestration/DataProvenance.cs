using Microsoft.Extensions.Options;
using Sweeps.Data;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>Says whether a sweep's results rest on synthetic demo data, so every table and plot of
/// them can say so.</summary>
public sealed class DataProvenance(SweepCatalog store, IOptions<SweepsOptions> options)
{
    public async Task<bool> IsSyntheticAsync(int sweepId, CancellationToken ct)
    {
        var configs = (await store.GetTrialConfigsAsync(sweepId, ct)).Select(TrialConfig.FromJson);
        return configs.Any(c =>
            DemoData.IsSynthetic(options.Value.ResolveData(c.Data.Train)) ||
            DemoData.IsSynthetic(options.Value.ResolveData(c.Score.Bapps)));
    }

    /// <summary>The BAPPS 2AFC folders the sweep's trials are scored on, resolved.</summary>
    public async Task<IReadOnlyList<string>> BappsFoldersAsync(int sweepId, CancellationToken ct) =>
        (await store.GetTrialConfigsAsync(sweepId, ct)).Select(TrialConfig.FromJson)
            .Select(c => options.Value.ResolveData(c.Score.Bapps)).Distinct().ToList();

    public async Task<string> TitleAsync(SweepRecord sweep, CancellationToken ct) => Title(sweep, await IsSyntheticAsync(sweep.Id, ct));

    public static string Title(SweepRecord sweep, bool synthetic) =>
        $"{sweep.Name} (sweep {sweep.Id})" + (synthetic ? ", synthetic demo data" : "");
}
