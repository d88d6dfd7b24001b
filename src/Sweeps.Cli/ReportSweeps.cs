using Microsoft.Extensions.DependencyInjection;
using Sweeps.Orchestration;
using Sweeps.Reports;
using Sweeps.Storage;

namespace Sweeps.Cli;

/// <summary>The sweeps of a plot or report with what the data catalogue knows of them: their title (saying
/// when the data is synthetic) and the BAPPS folders they are scored on.</summary>
public static class ReportSweeps
{
    public static async Task<IReadOnlyList<SweepResults>> ReadAsync(IServiceProvider scope, IReadOnlyList<SweepRecord> records, CancellationToken ct) =>
        await scope.GetRequiredService<StudyReader>().ReadAsync(await DescribeAsync(scope, records, ct), ct);

    public static async Task<IReadOnlyList<ReportSweep>> DescribeAsync(IServiceProvider scope, IReadOnlyList<SweepRecord> records, CancellationToken ct)
    {
        var provenance = scope.GetRequiredService<DataProvenance>();
        var sweeps = new List<ReportSweep>();
        foreach (var record in records)
        {
            bool synthetic = await provenance.IsSyntheticAsync(record.Id, ct);
            sweeps.Add(new ReportSweep(record, DataProvenance.Title(record, synthetic), synthetic, await provenance.BappsFoldersAsync(record.Id, ct)));
        }
        return sweeps;
    }
}
