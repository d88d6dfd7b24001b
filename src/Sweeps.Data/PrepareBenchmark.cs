using System.Diagnostics;

namespace Sweeps.Data;

/// <summary>Throughput of <see cref="PackedData.Prepare"/> for <c>sweeps bench data</c>.</summary>
public static class PrepareBenchmark
{
    /// <summary>
    /// Writes <paramref name="imageCount"/> random 64x64 images as a downsampled-ImageNet npz folder under
    /// <paramref name="workFolder"/> (plus a 1/10 val set), prepares it, and reports the image bytes
    /// written per second. The work folder is left for the caller to delete.
    /// </summary>
    public static PrepareBenchmarkResult Run(string workFolder, int imageCount = 20_000, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageCount, 10);
        var source = Path.Combine(workFolder, "source");
        var prepared = Path.Combine(workFolder, "prepared");
        if (Directory.Exists(prepared))
            Directory.Delete(prepared, recursive: true);
        var random = new Random(seed);
        using (var train = RandomImages(random, imageCount))
        using (var val = RandomImages(random, imageCount / 10))
            ImageNet64Folder.Write(source, train, val);

        var clock = Stopwatch.StartNew();
        var manifest = PackedData.Prepare(source, prepared);
        clock.Stop();
        var images = manifest.Splits.Sum(split => split.Count);
        return new PrepareBenchmarkResult(images, images * ImageNet64Folder.RowLength, clock.Elapsed);
    }

    private static LabelledImages RandomImages(Random random, int count)
    {
        var pixels = new byte[(long)count * ImageNet64Folder.RowLength];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(index => index % 10).ToArray();
        return new LabelledImages(pixels, labels, ImageNet64Folder.Size, 10, "random images");
    }
}
