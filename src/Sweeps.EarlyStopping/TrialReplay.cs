namespace Sweeps.EarlyStopping;

/// <summary>One trial of a replayed sweep.</summary>
/// <param name="StopCheckpoint">The checkpoint index at which the rule stopped it; null when it ran in full.</param>
/// <param name="ImagesTrained">Training images up to where it stopped (all of them when it ran in full).</param>
/// <param name="ImagesInFull">Training images up to its last checkpoint.</param>
/// <param name="BestUnderRule">Its best value of the sweep's metric over the checkpoints it kept.</param>
/// <param name="BestInFull">Its best value over all its checkpoints.</param>
public sealed record TrialReplay(
    int Order,
    int? StopCheckpoint,
    StopDecision? Decision,
    long ImagesTrained,
    long ImagesInFull,
    double BestUnderRule,
    double BestInFull);
