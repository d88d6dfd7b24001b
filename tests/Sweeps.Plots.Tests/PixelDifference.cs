using SkiaSharp;

namespace Sweeps.Plots.Tests;

/// <summary>Where two renders of the same size differ, and how many of those pixels are dark in the first.</summary>
internal sealed record PixelDifference(int DarkOnlyInFirst, SKRectI Bounds)
{
    private const int DarkLevel = 100;

    public static PixelDifference Between(string firstPng, string secondPng)
    {
        using var first = SKBitmap.Decode(firstPng);
        using var second = SKBitmap.Decode(secondPng);
        int darkOnlyInFirst = 0;
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (int y = 0; y < first.Height; y++)
            for (int x = 0; x < first.Width; x++)
            {
                SKColor a = first.GetPixel(x, y), b = second.GetPixel(x, y);
                if (a == b) continue;
                (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                if (IsDark(a) && !IsDark(b)) darkOnlyInFirst++;
            }
        return new PixelDifference(darkOnlyInFirst, new SKRectI(left, top, right + 1, bottom + 1));
    }

    private static bool IsDark(SKColor c) => c.Red < DarkLevel && c.Green < DarkLevel && c.Blue < DarkLevel;
}
