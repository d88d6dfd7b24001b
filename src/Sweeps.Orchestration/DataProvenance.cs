using Microsoft.Extensions.Options;
using Sweeps.Data;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>Says whether a sweep's results rest on synthetic demo data, so every table and plot of
/// them can say so.</summary>
public sealed class DataProvenance(StoredSweepDefinitions definitions, IOptions<SweepsOptions> options)
{
    public async Task<bool> IsSyntheticAsync(int sweepId, CancellationToken ct) =>
        (await definitions.GetTrialConfigsAsync(sweepId, ct)).SelectMany(c => new[] { c.Data.Train, c.Score.Bapps }).Distinct()
            .Any(data => DemoData.IsSynthetic(options.Value.ResolveData(data)));

    /// <summary>The BAPPS 2AFC folders the sweep's trials are scored on, resolved.</summary>
    public async Task<IReadOnlyList<string>> BappsFoldersAsync(int sweepId, CancellationToken ct) =>
        (await definitions.GetTrialConfigsAsync(sweepId, ct)).Select(c => options.Value.ResolveData(c.Score.Bapps)).Distinct().ToList();

    public async Task<string> TitleAsync(SweepRecord sweep, CancellationToken ct) => Title(sweep, await IsSyntheticAsync(sweep.Id, ct));

    public static string Title(SweepRecord sweep, bool synthetic) =>
        $"{sweep.Name} (sweep {sweep.Id})" + (synthetic ? ", synthetic demo data" : "");
}
