using Sweeps.Data;

namespace Sweeps.Evaluation.Tests;

/// <summary>A small 2AFC set of random images (4x4 unless asked) in two categories, with one tie (p1 a copy of p0).</summary>
internal static class TinyTwoAfc
{
    public const int Size = 4;

    public static TwoAfcSet Create(int size = Size)
    {
        var random = new Random(20220304);
        var alpha = Category("alpha", [0.2f, 0.8f, 0.6f], random, size);
        Array.Copy(alpha.P0, 2 * 3 * size * size, alpha.P1, 2 * 3 * size * size, 3 * size * size);
        return new TwoAfcSet("tiny", [alpha, Category("beta", [1.0f, 0.4f], random, size)]);
    }

    private static TwoAfcCategory Category(string name, float[] judges, Random random, int size)
    {
        byte[] Images()
        {
            var bytes = new byte[judges.Length * 3 * size * size];
            random.NextBytes(bytes);
            return bytes;
        }
        return new TwoAfcCategory(name, Images(), Images(), Images(), judges, size);
    }
}
