using System.Runtime.InteropServices;

namespace Sweeps.Data;

/// <summary>Downsampled-ImageNet batch files (npz or pickle) packed as one split; labels become 0-based.</summary>
internal sealed class DownsampledSplitSource(string name, IReadOnlyList<string> files) : PackSplitSource
{
    private readonly long?[] fileRows = files.Select(RowsFromHeader).ToArray();

    public override string Name => name;
    public override IReadOnlyList<PackColumn> Columns { get; } =
        [PackColumn.Image(PackColumn.Images, ImageNet64Folder.Size), PackColumn.Int32(PackColumn.Labels)];
    public override long? RowCount => fileRows.All(rows => rows.HasValue) ? fileRows.Sum() : null;

    public override IEnumerable<PackChunk> Read(long firstRow, CancellationToken cancellation)
    {
        long fileStart = 0;
        for (var index = 0; index < files.Count; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (fileRows[index] is { } known && fileStart + known <= firstRow)
            {
                fileStart += known;
                continue;
            }
            var (pixels, oneBased) = ImageNet64Folder.ReadBatch(files[index], maximumLabel: int.MaxValue);
            var skip = (int)Math.Clamp(firstRow - fileStart, 0, oneBased.Length);
            fileStart += oneBased.Length;
            if (skip == oneBased.Length)
                continue;
            var labels = oneBased.AsSpan(skip).ToArray().Select(label => label - 1).ToArray();
            var rows = pixels.AsSpan(skip * ImageNet64Folder.RowLength).ToArray();
            yield return new PackChunk(labels.Length, [rows, MemoryMarshal.AsBytes(labels.AsSpan()).ToArray()]);
        }
    }

    private static long? RowsFromHeader(string file) =>
        file.EndsWith(".npz", StringComparison.Ordinal) ? NpzArchive.ReadShape(file, "data").FirstOrDefault() : null;
}
