using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>One sweep as <c>status</c> shows it (<paramref name="BestBy"/>: the metric each trial's best
/// checkpoint is chosen by): its trials, with the time each running one still needs
/// at its reported speed, the BAPPS folders it is scored on and their reference scores (category means).</summary>
public sealed record SweepStatus(
    SweepRecord Sweep,
    string Title,
    bool Synthetic,
    SweepMetric BestBy,
    IReadOnlyList<TrialStatusLine> Trials,
    IReadOnlyList<string> BappsFolders,
    IReadOnlyList<FolderReferences> References);

/// <param name="Remaining">Time to the last step at the reported speed, for a running trial.</param>
public sealed record TrialStatusLine(TrialStatus Trial, TimeSpan? Remaining);

/// <param name="Remaining">Time to the last step at the reported speed.</param>
public sealed record RunningTrialLine(RunningTrial Trial, TimeSpan? Remaining);

public sealed record FolderReferences(string Folder, IReadOnlyList<ScoreValue> Means);
