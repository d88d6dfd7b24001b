namespace Sweeps.Data;

/// <summary>
/// Labelled square RGB images in the downsampled-ImageNet row layout: image i is row i of
/// <c>3*Size*Size</c> bytes, channel-major (all R, then all G, then all B, each row-major).
/// Labels are 0-based. Disposing releases the pixel store (a memory map, when packed).
/// </summary>
public sealed class LabelledImages : IDisposable
{
    private readonly IPixelStore pixels;

    public LabelledImages(byte[] pixels, int[] labels, int size, int classCount, string source)
        : this(new ArrayPixelStore(pixels), labels, size, classCount, source)
    {
    }

    public LabelledImages(IPixelStore pixels, int[] labels, int size, int classCount, string source)
    {
        if (pixels.Length != (long)labels.Length * 3 * size * size)
            throw new DataFormatException(source, $"{pixels.Length} pixel bytes do not hold {labels.Length} RGB images of {size}x{size}.");
        this.pixels = pixels;
        Labels = labels;
        Size = size;
        ClassCount = classCount;
        Source = source;
    }

    public int[] Labels { get; }
    public int Size { get; }
    public int ClassCount { get; }
    /// <summary>Where the images came from (a folder or file), for messages.</summary>
    public string Source { get; }
    /// <summary>Class names by label, when the layout names its classes (folders, wnids); empty otherwise.</summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];
    /// <summary>The original source recorded by <see cref="PackedData.Prepare"/> when these images were
    /// read from a prepared (packed) folder; null when read from the original layout.</summary>
    public string? PreparedFrom { get; init; }
    public int Count => Labels.Length;
    public int ImageBytes => 3 * Size * Size;

    /// <summary>The rows of images [first, first + count), contiguous.</summary>
    public ReadOnlySpan<byte> Rows(int first, int count) => pixels.Slice((long)first * ImageBytes, count * ImageBytes);

    public ReadOnlySpan<byte> Image(int index) => Rows(index, 1);

    /// <summary>The same pixels under new labels; the result takes over the pixel store (dispose only the result).</summary>
    internal LabelledImages Relabelled(int[] labels, int classCount, IReadOnlyList<string> classNames) =>
        new(pixels, labels, Size, classCount, Source) { ClassNames = classNames, PreparedFrom = PreparedFrom };

    public void Dispose() => pixels.Dispose();
}
