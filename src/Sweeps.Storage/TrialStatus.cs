namespace Sweeps.Storage;

/// <summary>A trial's progress; the best values are the maxima over its checkpoints, null before any
/// is scored. <paramref name="Reused"/>: the sweep links a trial an earlier sweep created.</summary>
public sealed record TrialStatus(
    int Id, int Index, string Label, TrialState State, int CompletedEpochs, int Attempts,
    double? BestTop1, double? BestPs, string? Error, bool Reused);
