namespace Sweeps.Training;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fully specified generator, so data order and
/// augmentation are the same on every .NET version (System.Random's algorithm is unspecified).
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;
    private ulong state = seed;

    public ulong NextUInt64()
    {
        state += GoldenGamma;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform in [0, <paramref name="exclusiveMax"/>) by multiply-shift (bias below 2^-32 per draw).</summary>
    public int NextInt(int exclusiveMax) => (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);

    /// <summary>A seed for an independent stream identified by <paramref name="parts"/> (e.g. seed, purpose, step).</summary>
    public static ulong Derive(params ReadOnlySpan<long> parts)
    {
        var hash = 0UL;
        foreach (var part in parts)
            hash = Mix(hash + GoldenGamma + (ulong)part);
        return hash;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
