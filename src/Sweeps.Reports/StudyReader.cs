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
/// <param name="Swept">Each trial's swept values by trial id (<see cref="SweptValues"/>).</param>
/// <param name="References">The model-independent scores (human ceiling, pixel baselines) of its BAPPS folders.</param>
public sealed record SweepResults(
    ReportSweep Sweep,
    string Yaml,
    SweepDefinition Definition,
    SweepMetric BestBy,
    IReadOnlyList<ResultTrial> Trials,
    IReadOnlyDictionary<int, IReadOnlyList<SweptValue>> Swept,
    IReadOnlyList<ScoredCheckpoint> Checkpoints,
    IReadOnlyList<BestCheckpointScore> BestScores,
    IReadOnlyList<FolderReference> References)
{
    public string Name => Sweep.Record.Name;
}

public sealed record FolderReference(string Folder, IReadOnlyList<ScoreValue> Scores);

/// <summary>A stored sweep's file as submitted, expanded again, and its members with their swept values.</summary>
public sealed record SweepMembers(string Yaml, SweepDefinition Definition, IReadOnlyList<ResultTrial> Trials, IReadOnlyDictionary<int, IReadOnlyList<SweptValue>> Swept);

/// <summary>Reads what a report or a plot of some sweeps needs, a few queries per sweep whatever its size.</summary>
public sealed class StudyReader(SweepCatalog catalog, ResultStore results)
{
    public async Task<IReadOnlyList<SweepResults>> ReadAsync(IReadOnlyList<ReportSweep> sweeps, CancellationToken ct)
    {
        var read = new List<SweepResults>();
        foreach (var sweep in sweeps)
        {
            int id = sweep.Record.Id;
            var members = await ReadMembersAsync(sweep.Record, ct);
            var references = new List<FolderReference>();
            foreach (var folder in sweep.BappsFolders)
                references.Add(new FolderReference(folder, await results.GetReferenceScoresAsync(folder, ct)));
            read.Add(new SweepResults(sweep, members.Yaml, members.Definition, CheckpointMetrics.ObjectiveOf(members.Definition),
                members.Trials, members.Swept,
                await results.GetScoredCheckpointsAsync(id, ct),
                await results.GetBestCheckpointScoresAsync(id, ct),
                references));
        }
        return read;
    }

    public async Task<SweepMembers> ReadMembersAsync(SweepRecord sweep, CancellationToken ct)
    {
        var yaml = await catalog.GetYamlAsync(sweep.Id, ct);
        var definition = SweepFile.Parse(yaml, $"sweep {sweep.Id}");
        var trials = await results.GetResultTrialsAsync(sweep.Id, ct);
        return new SweepMembers(yaml, definition, trials, SweptValues.Of(sweep, definition, trials));
    }
}
