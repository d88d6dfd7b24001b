namespace Sweeps.Data.Tests;

/// <summary>Decoding the real files in ../shared/data (skipped where that folder is absent).</summary>
public class RealDataTests
{
    private const string LpipsExamples = "lpips-examples";
    private const string TinyImageNetImages = "tiny-imagenet-200-val/tiny-imagenet-200/val/images";

    [SkippableFact]
    public void Lpips_example_triplet_decodes_as_64x64_rgb()
    {
        Skip.If(SharedData.Missing(LpipsExamples), "shared data (lpips-examples) not present");

        var reference = RgbImage.Read(SharedData.PathOf($"{LpipsExamples}/ex_ref.png"));
        var p0 = RgbImage.Read(SharedData.PathOf($"{LpipsExamples}/ex_p0.png"));

        Assert.Equal(3 * 64 * 64, reference.Length);
        // Values read from the PNG with an independent decoder (zlib + unfiltering), pixel (x=10, y=20).
        Assert.Equal((147, 122, 61), (reference[20 * 64 + 10], reference[4096 + 20 * 64 + 10], reference[8192 + 20 * 64 + 10]));
        Assert.Equal((173, 99, 23), (reference[4095], reference[8191], reference[12287]));
        Assert.Equal(1849937, reference.Sum(value => value));
        Assert.Equal(1818347, p0.Sum(value => value));
    }

    [SkippableFact]
    public void Lpips_example_in_bapps_layout_reads_as_a_one_triplet_category()
    {
        Skip.If(SharedData.Missing(LpipsExamples), "shared data (lpips-examples) not present");
        using var split = new TempFolder();
        foreach (var (folder, file) in new[] { ("ref", "ex_ref.png"), ("p0", "ex_p0.png"), ("p1", "ex_p1.png") })
        {
            Directory.CreateDirectory(Path.Combine(split.Path, "example", folder));
            File.Copy(SharedData.PathOf($"{LpipsExamples}/{file}"), Path.Combine(split.Path, "example", folder, "000000.png"));
        }
        Directory.CreateDirectory(Path.Combine(split.Path, "example", "judge"));
        using (var judge = File.Create(Path.Combine(split.Path, "example", "judge", "000000.npy")))
            NpyFormat.Write(judge, NpyArray.FromFloat32([0.8f]));

        var set = BappsTwoAfc.Read(split.Path);

        var category = Assert.Single(set.Categories);
        Assert.Equal("example", category.Name);
        Assert.Equal(1, category.Count);
        Assert.Equal(new[] { 0.8f }, category.Judges);
        Assert.Equal(RgbImage.Read(SharedData.PathOf($"{LpipsExamples}/ex_p1.png")), category.P1);
        Assert.Equal(1912387, category.P1.Sum(value => value));
    }

    [SkippableFact]
    public void Greyscale_tiny_imagenet_jpeg_decodes_to_rgb()
    {
        Skip.If(SharedData.Missing(TinyImageNetImages), "shared data (tiny-imagenet-200-val) not present");
        var path = SharedData.PathOf($"{TinyImageNetImages}/val_10.JPEG");
        Assert.Equal(1, JpegComponentCount(File.ReadAllBytes(path)));

        var chw = RgbImage.Read(path);

        Assert.Equal(3 * 64 * 64, chw.Length);
        Assert.Equal(chw[..4096], chw[4096..8192]);
        Assert.Equal(chw[..4096], chw[8192..]);
        Assert.True(chw[..4096].Distinct().Count() > 20, "a real photograph has many grey levels");
    }

    [SkippableFact]
    public void Colour_tiny_imagenet_jpeg_decodes_to_distinct_channels()
    {
        Skip.If(SharedData.Missing(TinyImageNetImages), "shared data (tiny-imagenet-200-val) not present");
        var path = SharedData.PathOf($"{TinyImageNetImages}/val_0.JPEG");
        Assert.Equal(3, JpegComponentCount(File.ReadAllBytes(path)));

        var chw = RgbImage.Read(path);

        Assert.NotEqual(chw[..4096], chw[4096..8192]);
    }

    /// <summary>The component count in the JPEG's start-of-frame segment (1 = greyscale).</summary>
    internal static int JpegComponentCount(byte[] jpeg)
    {
        var position = 2;
        while (position + 9 < jpeg.Length && jpeg[position] == 0xFF)
        {
            var marker = jpeg[position + 1];
            if (marker is 0xC0 or 0xC1 or 0xC2)
                return jpeg[position + 9];
            position += 2 + (jpeg[position + 2] << 8 | jpeg[position + 3]);
        }
        throw new InvalidDataException("no start-of-frame segment");
    }
}
