namespace Sweeps.Storage;

/// <summary>A trial to queue with its sweep.</summary>
public sealed record NewTrial(string Label, string ConfigJson, string ConfigHash);
