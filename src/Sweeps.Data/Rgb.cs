namespace Sweeps.Data;

/// <summary>A colour with channels on the 0..255 scale (floats, so jitter and blending stay exact until quantised).</summary>
internal readonly record struct Rgb(float R, float G, float B)
{
    public static Rgb Random(DemoRandom random, double low, double high) =>
        new(random.UniformSingle(low, high), random.UniformSingle(low, high), random.UniformSingle(low, high));

    /// <summary>Each channel moved by up to ±<paramref name="amount"/>.</summary>
    public Rgb Jitter(DemoRandom random, double amount) =>
        new(R + random.UniformSingle(-amount, amount), G + random.UniformSingle(-amount, amount), B + random.UniformSingle(-amount, amount));

    public float this[int channel] => channel switch { 0 => R, 1 => G, _ => B };
}
