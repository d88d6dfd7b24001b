using SkiaSharp;

namespace Sweeps.Data;

/// <summary>
/// Square RGB images as channel-major bytes (all R, then all G, then all B, each row-major), the
/// layout of <see cref="LabelledImages"/>. Decoding converts greyscale to RGB, drops alpha and
/// resizes anything not size x size with bilinear filtering, as the BAPPS loader does.
/// <see cref="ReadCentreCropInto"/> instead crops the central square and shrinks it with an
/// antialiasing (mipmap) filter, for photos of any size.
/// </summary>
public static class RgbImage
{
    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear, SKMipmapMode.None);
    // Trilinear between mipmap levels: a large reduction averages the source instead of aliasing.
    private static readonly SKSamplingOptions Antialiased = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>Decodes a PNG or JPEG into 3 x <paramref name="size"/> x <paramref name="size"/> bytes.</summary>
    public static byte[] Read(string path, int size = 64)
    {
        var chw = new byte[3 * size * size];
        ReadInto(path, chw, size);
        return chw;
    }

    /// <summary>Decodes into <paramref name="destination"/> (3 x size x size bytes), e.g. one slot of a larger block.</summary>
    public static void ReadInto(string path, Span<byte> destination, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (destination.Length != 3 * size * size)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, not 3x{size}x{size}.", nameof(destination));
        using var decoded = Decode(path);
        if (decoded.Width == size && decoded.Height == size)
        {
            InterleavedToChannelMajor(decoded.GetPixelSpan(), destination);
            return;
        }
        using var resized = decoded.Resize(RgbaInfo(size, size), Bilinear)
            ?? throw new DataFormatException(path, $"could not resize {decoded.Width}x{decoded.Height} to {size}x{size}");
        InterleavedToChannelMajor(resized.GetPixelSpan(), destination);
    }

    /// <summary>
    /// Decodes a PNG or JPEG of any size into <paramref name="destination"/> (3 x size x size bytes):
    /// the central square (side = the shorter side) scaled to <paramref name="size"/> with an antialiasing filter.
    /// </summary>
    public static void ReadCentreCropInto(string path, Span<byte> destination, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (destination.Length != 3 * size * size)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, not 3x{size}x{size}.", nameof(destination));
        using var decoded = Decode(path, size);
        var side = Math.Min(decoded.Width, decoded.Height);
        using var square = new SKBitmap();
        if (!decoded.ExtractSubset(square, SKRectI.Create((decoded.Width - side) / 2, (decoded.Height - side) / 2, side, side)))
            throw new DataFormatException(path, $"could not crop {decoded.Width}x{decoded.Height} to its central {side}x{side}");
        // Resizing also copies the subset, whose rows still have the stride of the whole image.
        using var resized = square.Resize(RgbaInfo(size, size), side == size ? Bilinear : Antialiased)
            ?? throw new DataFormatException(path, $"could not resize {side}x{side} to {size}x{size}");
        InterleavedToChannelMajor(resized.GetPixelSpan(), destination);
    }

    /// <summary>Writes channel-major bytes as an opaque 8-bit RGB PNG (lossless: reading it back gives the same bytes).</summary>
    public static void WritePng(string path, ReadOnlySpan<byte> chw, int size)
    {
        var planeLength = size * size;
        if (chw.Length != 3 * planeLength)
            throw new ArgumentException($"{chw.Length} bytes are not a 3x{size}x{size} image.", nameof(chw));
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = bitmap.GetPixelSpan();
        for (var pixel = 0; pixel < planeLength; pixel++)
        {
            rgba[4 * pixel] = chw[pixel];
            rgba[4 * pixel + 1] = chw[planeLength + pixel];
            rgba[4 * pixel + 2] = chw[2 * planeLength + pixel];
            rgba[4 * pixel + 3] = byte.MaxValue;
        }
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new IOException($"{path}: PNG encoding failed");
        File.WriteAllBytes(path, png.AsSpan());
    }

    /// <summary>Decodes at full size, or, given <paramref name="shorterSideAtLeast"/>, at the smallest scale the
    /// codec supports (JPEG: eighths) that keeps the shorter side at least twice that, which is much faster for photos.</summary>
    private static SKBitmap Decode(string path, int? shorterSideAtLeast = null)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, "image file not found");
        using var codec = SKCodec.Create(path, out var opened);
        if (codec is null)
            throw new DataFormatException(path, $"not a decodable image ({opened})");
        var dimensions = codec.Info.Size;
        var shorter = Math.Min(dimensions.Width, dimensions.Height);
        if (shorterSideAtLeast is { } least && shorter > 2 * least)
        {
            var scaled = codec.GetScaledDimensions(2f * least / shorter);
            if (Math.Min(scaled.Width, scaled.Height) >= least)
                dimensions = scaled;
        }
        var bitmap = new SKBitmap(RgbaInfo(dimensions.Width, dimensions.Height));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new DataFormatException(path, $"image decoding failed ({result})");
        }
        return bitmap;
    }

    // Unpremultiplied so that colour values of translucent pixels survive unchanged.
    private static SKImageInfo RgbaInfo(int width, int height) => new(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);

    private static void InterleavedToChannelMajor(ReadOnlySpan<byte> rgba, Span<byte> chw)
    {
        var planeLength = chw.Length / 3;
        for (var pixel = 0; pixel < planeLength; pixel++)
        {
            chw[pixel] = rgba[4 * pixel];
            chw[planeLength + pixel] = rgba[4 * pixel + 1];
            chw[2 * planeLength + pixel] = rgba[4 * pixel + 2];
        }
    }
}
