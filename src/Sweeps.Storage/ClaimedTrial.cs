namespace Sweeps.Storage;

/// <summary>A trial this worker now holds; <paramref name="Attempts"/> counts this claim.</summary>
public sealed record ClaimedTrial(int Id, int SweepId, string ConfigJson, int Attempts, string Label);
