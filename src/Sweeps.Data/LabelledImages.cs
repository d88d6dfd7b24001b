namespace Sweeps.Data;

/// <summary>
/// Labelled square RGB images held as one byte block in the downsampled-ImageNet row layout:
/// image i occupies <c>Pixels[i*3*Size*Size .. (i+1)*3*Size*Size)</c>, channel-major (all R, then
/// all G, then all B, each row-major). Labels are 0-based.
/// </summary>
public sealed class LabelledImages
{
    public LabelledImages(byte[] pixels, int[] labels, int size, int classCount, string source)
    {
        if (pixels.Length != (long)labels.Length * 3 * size * size)
            throw new DataFormatException(source, $"{pixels.Length} pixel bytes do not hold {labels.Length} RGB images of {size}x{size}.");
        Pixels = pixels;
        Labels = labels;
        Size = size;
        ClassCount = classCount;
        Source = source;
    }

    public byte[] Pixels { get; }
    public int[] Labels { get; }
    public int Size { get; }
    public int ClassCount { get; }
    /// <summary>Where the images came from (a folder or file), for messages.</summary>
    public string Source { get; }
    public int Count => Labels.Length;
    public int ImageBytes => 3 * Size * Size;
}
