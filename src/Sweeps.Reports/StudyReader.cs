using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Reports;

/// <summary>A sweep to report on, with what the caller knows of its data: the title figures carry (saying
/// so when the data is synthetic) and the BAPPS folders its trials are scored on.</summary>
public sealed record ReportSweep(SweepRecord Record, string Title, bool Synthetic, IReadOnlyList<string> BappsFolders);

/// <summary>Everything the figures, tables and CSV files of one sweep are drawn from.</summary>
/// <param name="BestBy">The metric each trial's best checkpoint is chosen by.</param>
/// <param name="Checkpoints">Every checkpoint with a top-1 and a PS, by trial and step.</param>
/// <param name="BestScores">Every score of each trial's best checkpoint.</param>
/// <param name="References">The model-independent scores (human ceiling, pixel baselines) of its BAPPS folders.</param>
public sealed record SweepResults(
    ReportSweep Sweep,
    string Yaml,
    SweepDefinition Definition,
    SweepMetric BestBy,
    IReadOnlyList<ResultTrial> Trials,
    IReadOnlyList<ScoredCheckpoint> Checkpoints,
    IReadOnlyList<BestCheckpointScore> BestScores,
    IReadOnlyList<FolderReference> References)
{
    public string Name => Sweep.Record.Name;
}

public sealed record FolderReference(string Folder, IReadOnlyList<ScoreValue> Scores);

/// <summary>Reads what a report or a plot of some sweeps needs, a few queries per sweep whatever its size.</summary>
public sealed class StudyReader(SweepCatalog catalog, ResultStore results)
{
    public async Task<IReadOnlyList<SweepResults>> ReadAsync(IReadOnlyList<ReportSweep> sweeps, CancellationToken ct)
    {
        var read = new List<SweepResults>();
        foreach (var sweep in sweeps)
        {
            int id = sweep.Record.Id;
            var yaml = await catalog.GetYamlAsync(id, ct);
            var definition = SweepFile.Parse(yaml, $"sweep {id}");
            var references = new List<FolderReference>();
            foreach (var folder in sweep.BappsFolders)
                references.Add(new FolderReference(folder, await results.GetReferenceScoresAsync(folder, ct)));
            read.Add(new SweepResults(sweep, yaml, definition, CheckpointMetrics.ObjectiveOf(definition),
                await results.GetResultTrialsAsync(id, ct),
                await results.GetScoredCheckpointsAsync(id, ct),
                await results.GetBestCheckpointScoresAsync(id, ct),
                references));
        }
        return read;
    }
}
