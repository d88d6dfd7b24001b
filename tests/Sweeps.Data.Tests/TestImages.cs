using SkiaSharp;

namespace Sweeps.Data.Tests;

/// <summary>Writes small PNG/JPEG fixtures of any size with SkiaSharp.</summary>
internal static class TestImages
{
    /// <summary>An RGB image whose pixel (x, y) is <paramref name="colour"/>(x, y).</summary>
    public static void Write(string path, int width, int height, Func<int, int, SKColor> colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, colour(x, y));
        }
        using var encoded = bitmap.Encode(format, 95);
        File.WriteAllBytes(path, encoded.ToArray());
    }

    /// <summary>A single-channel (greyscale) PNG.</summary>
    public static void WriteGrey(string path, int size, Func<int, int, byte> level)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
                pixels[y * bitmap.RowBytes + x] = level(x, y);
        }
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, encoded.ToArray());
    }

    public static void Solid(string path, int size, SKColor colour) => Write(path, size, size, (_, _) => colour);
}
