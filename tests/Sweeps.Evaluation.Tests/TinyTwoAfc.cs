using Sweeps.Data;

namespace Sweeps.Evaluation.Tests;

/// <summary>A small 2AFC set of random 4x4 images in two categories, with one tie (p1 a copy of p0).</summary>
internal static class TinyTwoAfc
{
    public const int Size = 4;

    public static TwoAfcSet Create()
    {
        var random = new Random(20220304);
        var alpha = Category("alpha", [0.2f, 0.8f, 0.6f], random);
        Array.Copy(alpha.P0, 2 * 3 * Size * Size, alpha.P1, 2 * 3 * Size * Size, 3 * Size * Size);
        return new TwoAfcSet("tiny", [alpha, Category("beta", [1.0f, 0.4f], random)]);
    }

    private static TwoAfcCategory Category(string name, float[] judges, Random random)
    {
        byte[] Images()
        {
            var bytes = new byte[judges.Length * 3 * Size * Size];
            random.NextBytes(bytes);
            return bytes;
        }
        return new TwoAfcCategory(name, Images(), Images(), Images(), judges, Size);
    }
}
