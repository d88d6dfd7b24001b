namespace Sweeps.Data;

/// <summary>
/// A small, fully specified PRNG (SplitMix64) for the demo data, so that the generated files depend
/// only on the seed and never on the .NET version or on which thread drew an image.
/// </summary>
internal sealed class DemoRandom
{
    private ulong _state;
    private double? _spareGaussian;

    private DemoRandom(ulong state) => _state = state;

    /// <summary>An independent stream for one item: the seed, a stream number (train, val, a category...) and the item index.</summary>
    public static DemoRandom For(int seed, int stream, int index) =>
        new(Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)stream) ^ (ulong)(uint)index));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    public float UniformSingle(double low, double high) => (float)Uniform(low, high);

    /// <summary>Uniform integer in [0, count).</summary>
    public int Next(int count) => (int)(NextDouble() * count);

    public bool Chance(double probability) => NextDouble() < probability;

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

    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
