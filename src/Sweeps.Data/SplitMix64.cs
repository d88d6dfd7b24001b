namespace Sweeps.Data;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014; the constants of Vigna's splitmix64.c): a tiny, fully
/// specified generator, so that a sweep's random draws, data order, augmentation and the demo data
/// depend only on their seeds on every .NET version (System.Random's algorithm is unspecified).
/// It lives here, the lowest project that Spec, Data and Training can all reference.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;
    private ulong _state = seed;
    private double? _spareGaussian;

    public ulong NextUInt64()
    {
        _state += GoldenGamma;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1): the top 53 bits as a binary fraction.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    public float NextSingle(double min, double max) => (float)NextDouble(min, max);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Uniform in [0, <paramref name="exclusiveMax"/>) by multiply-shift of the top 32 bits (bias below 2^-32 per draw).</summary>
    public int NextInt(int exclusiveMax) => (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);

    /// <summary>
    /// Uniform in [0, <paramref name="exclusiveMax"/>) by scaling <see cref="NextDouble()"/> (bias below
    /// 2^-40 for the counts drawn here). Sweep expansion and the demo data were fixed with this
    /// rounding and data order with <see cref="NextInt"/>; either change would change stored results.
    /// </summary>
    public int NextIntFromDouble(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);

    /// <summary>Standard normal by Box-Muller; the pair's second value is kept for the next call.</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        var angle = 2.0 * Math.PI * NextDouble();
        _spareGaussian = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>A seed for an independent stream identified by <paramref name="parts"/> (e.g. seed, purpose, step).</summary>
    public static ulong Derive(params ReadOnlySpan<long> parts)
    {
        var hash = 0UL;
        foreach (var part in parts)
            hash = Mix(hash + GoldenGamma + (ulong)part);
        return hash;
    }

    /// <summary>SplitMix64's output function, a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
