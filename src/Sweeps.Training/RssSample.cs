namespace Sweeps.Training;

/// <summary>The process's resident memory (bytes) right after optimiser step <paramref name="Step"/> (1-based).</summary>
public sealed record RssSample(int Step, long Bytes);
