using Sweeps.Data;

namespace Sweeps.Training.Tests;

/// <summary>Small labelled image sets in the real downsampled-ImageNet byte layout.</summary>
internal static class GeneratedImages
{
    public const int Size = 64;
    private static readonly byte[][] ClassColours = [[220, 40, 40], [40, 200, 40], [40, 40, 220], [220, 220, 40]];

    public static int ClassCount => ClassColours.Length;

    /// <summary>Image i has class i mod 4, a solid colour per class plus uniform noise of ±30.</summary>
    public static LabelledImages SolidColours(int count, int seed)
    {
        var random = new SplitMix64((ulong)seed);
        var planeBytes = Size * Size;
        var pixels = new byte[count * 3 * planeBytes];
        var labels = new int[count];
        for (var image = 0; image < count; image++)
        {
            labels[image] = image % ClassCount;
            for (var channel = 0; channel < 3; channel++)
            {
                var offset = (image * 3 + channel) * planeBytes;
                for (var p = 0; p < planeBytes; p++)
                    pixels[offset + p] = (byte)Math.Clamp(ClassColours[labels[image]][channel] + random.NextInt(61) - 30, 0, 255);
            }
        }
        return new LabelledImages(pixels, labels, Size, ClassCount, "generated solid colours");
    }
}
