using System.Runtime.InteropServices;

namespace Sweeps.Data;

/// <summary>Listed image files (class folders, annotation layout) decoded in parallel chunks.</summary>
internal sealed class ImageFileSplitSource(string name, ImageFileList list, int size) : PackSplitSource
{
    public override string Name => name;
    public override IReadOnlyList<PackColumn> Columns { get; } = [PackColumn.Image(PackColumn.Images, size), PackColumn.Int32(PackColumn.Labels)];
    public override long? RowCount => list.Files.Count;
    public override IReadOnlyList<string> ClassNames => list.ClassNames;

    public override IEnumerable<PackChunk> Read(long firstRow, CancellationToken cancellation)
    {
        for (var first = (int)firstRow; first < list.Files.Count; first += ChunkRows)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkRows, list.Files.Count - first);
            var pixels = new byte[count * 3 * size * size];
            ImageDecoding.DecodeInto(list.Files, first, count, pixels, size, ImageDecoding.CentreCrop);
            yield return new PackChunk(count, [pixels, MemoryMarshal.AsBytes(list.Labels.AsSpan(first, count)).ToArray()]);
        }
    }
}
