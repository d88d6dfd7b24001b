namespace Sweeps.Data;

/// <summary>A colour with channels on the 0..255 scale (floats, so jitter and blending stay exact until quantised).</summary>
internal readonly record struct Rgb(float R, float G, float B)
{
    public static Rgb Random(SplitMix64 random, double low, double high) =>
        new(random.NextSingle(low, high), random.NextSingle(low, high), random.NextSingle(low, high));

    /// <summary>Each channel moved by up to ±<paramref name="amount"/>.</summary>
    public Rgb Jitter(SplitMix64 random, double amount) =>
        new(R + random.NextSingle(-amount, amount), G + random.NextSingle(-amount, amount), B + random.NextSingle(-amount, amount));

    public float this[int channel] => channel switch { 0 => R, 1 => G, _ => B };
}
