namespace Sweeps.Spec;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood 2014; the reference constants of Vigna's
/// splitmix64.c), so that a sweep's random draws are fixed by its <c>seed</c> on every runtime,
/// unlike <see cref="Random"/>, whose algorithm is unspecified.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1): the top 53 bits as a binary fraction.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in 0..<paramref name="count"/>-1 (the bias of scaling 53 bits is below 2^-40 for any list a sweep holds).</summary>
    public int NextIndex(int count) => (int)(NextDouble() * count);
}
