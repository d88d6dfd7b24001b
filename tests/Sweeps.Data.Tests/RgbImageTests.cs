using SkiaSharp;

namespace Sweeps.Data.Tests;

public class RgbImageTests
{
    [Fact]
    public void Png_round_trips_exact_bytes()
    {
        using var folder = new TempFolder();
        var chw = new byte[3 * 64 * 64];
        new Random(3).NextBytes(chw);

        RgbImage.WritePng(folder.File("noise.png"), chw, 64);

        Assert.Equal(chw, RgbImage.Read(folder.File("noise.png")));
    }

    [Fact]
    public void Planes_are_channel_major()
    {
        using var folder = new TempFolder();
        var chw = new byte[3 * 2 * 2];
        chw[1] = 200;       // R of pixel (x=1, y=0)
        chw[4 + 2] = 100;   // G of pixel (x=0, y=1)
        chw[8 + 3] = 50;    // B of pixel (x=1, y=1)
        RgbImage.WritePng(folder.File("tiny.png"), chw, 2);

        using var decoded = SKBitmap.Decode(folder.File("tiny.png"));

        Assert.Equal(new SKColor(200, 0, 0), decoded.GetPixel(1, 0));
        Assert.Equal(new SKColor(0, 100, 0), decoded.GetPixel(0, 1));
        Assert.Equal(new SKColor(0, 0, 50), decoded.GetPixel(1, 1));
        Assert.Equal(chw, RgbImage.Read(folder.File("tiny.png"), 2));
    }

    [Fact]
    public void Other_sizes_are_resized_to_the_requested_size()
    {
        using var folder = new TempFolder();
        // 32x32: left half pure red, right half pure blue.
        var chw = new byte[3 * 32 * 32];
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                chw[(x < 16 ? 0 : 2) * 1024 + y * 32 + x] = 255;
            }
        }
        RgbImage.WritePng(folder.File("small.png"), chw, 32);

        var resized = RgbImage.Read(folder.File("small.png"));

        Assert.Equal(3 * 64 * 64, resized.Length);
        byte Value(int channel, int x, int y) => resized[channel * 4096 + y * 64 + x];
        Assert.Equal((255, 0, 0), (Value(0, 0, 10), Value(1, 0, 10), Value(2, 0, 10)));
        Assert.Equal((0, 0, 255), (Value(0, 63, 10), Value(1, 63, 10), Value(2, 63, 10)));
        // Bilinear: the two columns at the seam blend red and blue, nearest-neighbour would not.
        Assert.InRange(Value(0, 31, 10), 100, 254);
        Assert.InRange(Value(2, 31, 10), 1, 155);
    }

    [Fact]
    public void Greyscale_png_becomes_three_equal_channels()
    {
        using var folder = new TempFolder();
        using (var grey = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Gray8, SKAlphaType.Opaque)))
        {
            var values = grey.GetPixelSpan();
            for (var i = 0; i < values.Length; i++)
                values[i] = (byte)(i % 64 * 4);
            using var png = grey.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(folder.File("grey.png"), png.ToArray());
        }
        Assert.Equal(0, File.ReadAllBytes(folder.File("grey.png"))[25]); // PNG colour type 0: greyscale

        var chw = RgbImage.Read(folder.File("grey.png"));

        for (var pixel = 0; pixel < 4096; pixel++)
        {
            var expected = (byte)(pixel % 64 * 4);
            Assert.Equal((expected, expected, expected), (chw[pixel], chw[4096 + pixel], chw[8192 + pixel]));
        }
    }

    [Fact]
    public void Unreadable_file_is_rejected_naming_it()
    {
        using var folder = new TempFolder();
        var path = folder.File("broken.png");
        File.WriteAllText(path, "this is not an image");

        var error = Assert.Throws<DataFormatException>(() => RgbImage.Read(path));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Truncated_png_is_rejected_naming_it()
    {
        using var folder = new TempFolder();
        var path = folder.File("cut.png");
        var chw = new byte[3 * 64 * 64];
        new Random(5).NextBytes(chw);
        RgbImage.WritePng(path, chw, 64);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Assert.Equal(path, Assert.Throws<DataFormatException>(() => RgbImage.Read(path)).Path);
    }
}
