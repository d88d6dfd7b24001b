namespace Sweeps.Spec;

/// <summary>One sweep file of experiments/: how many trials it expands to and their estimated training cost.</summary>
/// <param name="File">Path relative to the experiments folder, with '/' separators.</param>
public sealed record ExperimentCost(string File, string Name, int Trials, double GpuHours);
