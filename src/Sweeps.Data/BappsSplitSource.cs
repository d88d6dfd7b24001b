using System.Runtime.InteropServices;

namespace Sweeps.Data;

/// <summary>
/// A BAPPS split (2AFC: ref, p0, p1, judge; JND: p0, p1, same) packed as rows over all categories in
/// name order, with a category id per row. File counts are checked for every category up front.
/// </summary>
internal sealed class BappsSplitSource : PackSplitSource
{
    private readonly int size;
    private readonly string[] imageFolders;
    private readonly List<(string Name, string[][] Images, string[] Fractions)> categories = [];

    public BappsSplitSource(string splitFolder, bool twoAfc, int size)
    {
        this.size = size;
        Name = twoAfc ? PackedData.TwoAfcKind : PackedData.JndKind;
        imageFolders = twoAfc ? [BappsTwoAfc.ReferenceFolder, BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder] : [BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder];
        var fractionFolder = twoAfc ? BappsTwoAfc.JudgeFolder : BappsJnd.SameFolder;
        Columns = [.. imageFolders.Select(folder => PackColumn.Image(folder, size)),
            PackColumn.Float32(twoAfc ? PackColumn.Judges : PackColumn.Same), PackColumn.Int32(PackColumn.Categories)];

        foreach (var folder in BappsTwoAfc.CategoryFolders(splitFolder, "BAPPS split"))
        {
            var files = BappsTwoAfc.PairedFiles(folder, [.. imageFolders, fractionFolder]);
            categories.Add((Path.GetFileName(folder), files[..^1], files[^1]));
        }
    }

    public override string Name { get; }
    public override IReadOnlyList<PackColumn> Columns { get; }
    public override long? RowCount => categories.Sum(category => (long)category.Fractions.Length);
    public override IReadOnlyList<PackedCategory> Categories => categories.Select(category => new PackedCategory(category.Name, category.Fractions.Length)).ToList();

    public override IEnumerable<PackChunk> Read(long firstRow, CancellationToken cancellation)
    {
        long categoryStart = 0;
        for (var id = 0; id < categories.Count; id++)
        {
            var (_, images, fractions) = categories[id];
            for (var first = (int)Math.Max(0, firstRow - categoryStart); first < fractions.Length; first += ChunkRows)
            {
                cancellation.ThrowIfCancellationRequested();
                var count = Math.Min(ChunkRows, fractions.Length - first);
                var columns = new List<byte[]>();
                foreach (var files in images)
                {
                    var pixels = new byte[count * 3 * size * size];
                    ImageDecoding.DecodeInto(files, first, count, pixels, size, ImageDecoding.Exact);
                    columns.Add(pixels);
                }
                var values = fractions.Skip(first).Take(count).Select(BappsTwoAfc.ReadFraction).ToArray();
                columns.Add(MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
                columns.Add(MemoryMarshal.AsBytes(Enumerable.Repeat(id, count).ToArray().AsSpan()).ToArray());
                yield return new PackChunk(count, [.. columns]);
            }
            categoryStart += fractions.Length;
        }
    }
}
