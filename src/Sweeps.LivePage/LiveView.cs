using System.Globalization;
using Sweeps.Orchestration;
using Sweeps.Reports;
using Sweeps.Storage;

namespace Sweeps.LivePage;

/// <summary>
/// What the live page shows, read from the store with the queries <c>status</c> and <c>report</c> use: every sweep
/// with its counts and trial table and the report's figures; or one trial with its PS over training and the end of
/// its log. Figures are drawn again only when the scores changed (<see cref="LiveFigures"/>).
/// </summary>
public sealed class LiveView(SweepStatusReport status, StudyReader reader, ResultStore results, SweepCatalog catalog,
    TrialOperations operations, LiveFigures figures, LivePageOptions options)
{
    /// <summary>Every sweep: its table, then its figures.</summary>
    public async Task<IReadOnlyList<LiveRegion>> SweepsAsync(CancellationToken ct)
    {
        var sweeps = (await status.ReadAsync((string?)null, ct))!;
        if (sweeps.Count == 0)
            return [LiveRegion.Of("none", "<p>No sweep is stored yet: <code>sweeps submit FILE</code> queues one.</p>\n")];
        int newestScore = await results.GetNewestScoreIdAsync(ct);
        var regions = new List<LiveRegion>();
        foreach (var sweep in sweeps)
        {
            int id = sweep.Sweep.Id;
            regions.Add(LiveRegion.Of($"sweep-{id}", LivePageHtml.Sweep(sweep, options.AllowControl)));
            var stamp = Stamp(sweep, newestScore);
            // Kept as a region: hashing the figures' megabytes of SVG each second cost more than reading the store.
            regions.Add(await figures.GetAsync($"sweep-{id}-figures", stamp, async () => LiveRegion.Of($"sweep-{id}-figures",
                LivePageHtml.Figures(SweepFigures.Report(await StudyAsync(sweep, stamp, ct)), $"s{id}", "Figures (as sweeps report draws them)"))));
        }
        return regions;
    }

    /// <summary>One trial of a sweep: its row, its PS over training and its log's end; null when the sweep has no such trial.</summary>
    public async Task<IReadOnlyList<LiveRegion>?> TrialAsync(int sweepId, int trialId, CancellationToken ct)
    {
        var record = await catalog.FindSweepAsync(sweepId.ToString(CultureInfo.InvariantCulture), ct);
        if (record is null || record.Id != sweepId) return null;
        var sweep = await status.ReadAsync(record, ct);
        var line = sweep.Trials.FirstOrDefault(l => l.Trial.Id == trialId);
        if (line is null) return null;
        var stamp = Stamp(sweep, await results.GetNewestScoreIdAsync(ct));
        var figure = await figures.GetAsync($"trial-{sweepId}-{trialId}-figure", stamp, async () =>
        {
            var study = await StudyAsync(sweep, stamp, ct);
            var trialOnly = study.Select(s => s with { Checkpoints = s.Checkpoints.Where(c => c.TrialId == trialId).ToList() }).ToList();
            return LiveRegion.Of($"trial-{trialId}-figure",
                LivePageHtml.Figures(SweepFigures.TrainingFigure(trialOnly) is { } training ? [training] : [], $"t{trialId}", "Perceptual Score over training"));
        });
        return
        [
            LiveRegion.Of($"trial-{trialId}", LivePageHtml.Trial(sweep, line, options.AllowControl)),
            figure,
            LiveRegion.Of($"trial-{trialId}-log", await LogAsync(trialId, ct)),
        ];
    }

    /// <summary>Scores change the figures through new rows and through the best checkpoints the worker marks.</summary>
    private static string Stamp(SweepStatus sweep, int newestScore) =>
        $"{newestScore}|{string.Join(";", sweep.Trials.Select(line => line.Trial.Best))}";

    private Task<IReadOnlyList<SweepResults>> StudyAsync(SweepStatus sweep, string stamp, CancellationToken ct) =>
        figures.GetAsync($"study-{sweep.Sweep.Id}", stamp, () =>
            reader.ReadAsync([new ReportSweep(sweep.Sweep, sweep.Title, sweep.Synthetic, sweep.BappsFolders)], ct));

    private async Task<string> LogAsync(int trialId, CancellationToken ct)
    {
        var path = await operations.LogPathAsync(trialId, ct);
        if (path is null)
            return LivePageHtml.Log(null, null, "No log yet: no worker has started this trial.");
        if (!File.Exists(path))
            return LivePageHtml.Log(path, null, $"{path}: the log is not there (is CheckpointRoot shared with the worker that ran it?).");
        return LivePageHtml.Log(path, await LogTail.ReadAsync(path, ct), null);
    }
}
