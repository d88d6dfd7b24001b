namespace Sweeps.Data;

/// <summary>
/// Appends a split's rows to <c>&lt;file&gt;.partial</c> files (npy header with a placeholder count, then
/// rows). Resuming truncates them to the rows recorded as done; finishing writes the real counts into
/// the headers (whose length does not depend on the count) and renames the files into place.
/// </summary>
internal sealed class PackedSplitWriter : IDisposable
{
    private readonly string folder;
    private readonly PackSplitSource split;
    private readonly FileStream[] streams;

    public PackedSplitWriter(string folder, PackSplitSource split, long resumeRows)
    {
        this.folder = folder;
        this.split = split;
        var paths = split.Columns.Select(column => PartialPath(column)).ToArray();
        var resumable = resumeRows > 0 && split.Columns.Zip(paths).All(pair =>
            File.Exists(pair.Second) && new FileInfo(pair.Second).Length >= DataStart(pair.First) + resumeRows * pair.First.RowBytes);
        RowsDone = resumable ? resumeRows : 0;
        streams = new FileStream[paths.Length];
        for (var index = 0; index < paths.Length; index++)
        {
            var column = split.Columns[index];
            streams[index] = new FileStream(paths[index], resumable ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 20);
            if (resumable)
                streams[index].SetLength(DataStart(column) + RowsDone * column.RowBytes);
            else
                streams[index].Write(Header(column, 0));
            streams[index].Seek(0, SeekOrigin.End);
        }
    }

    public long RowsDone { get; private set; }

    public void Append(PackChunk chunk)
    {
        for (var index = 0; index < streams.Length; index++)
            streams[index].Write(chunk.Columns[index]);
        RowsDone += chunk.Rows;
    }

    /// <summary>Forces the rows written so far to disk, so that recording them as done is true after a crash.</summary>
    public void Flush()
    {
        foreach (var stream in streams)
            stream.Flush(flushToDisk: true);
    }

    public PackedSplit Finish()
    {
        for (var index = 0; index < streams.Length; index++)
        {
            streams[index].Seek(0, SeekOrigin.Begin);
            streams[index].Write(Header(split.Columns[index], RowsDone));
            streams[index].Flush(flushToDisk: true);
            streams[index].Dispose();
        }
        var classCount = split.ClassNames.Count;
        if (classCount == 0 && split.Columns.Any(column => column.Name == PackColumn.Labels))
            classCount = MaximumLabel() + 1;
        foreach (var column in split.Columns)
            File.Move(PartialPath(column), Path.Combine(folder, PackColumn.FileName(split.Name, column.Name)), overwrite: true);
        return new PackedSplit(split.Name, RowsDone, classCount, split.ClassNames, split.Categories, split.Columns.Select(column => column.Name).ToList());
    }

    public void Dispose()
    {
        foreach (var stream in streams)
            stream.Dispose();
    }

    private int MaximumLabel()
    {
        using var stream = File.OpenRead(PartialPath(split.Columns.Single(column => column.Name == PackColumn.Labels)));
        var labels = NpyFormat.Read(stream, stream.Name).ToInt32();
        return labels.Length == 0 ? -1 : labels.Max();
    }

    private string PartialPath(PackColumn column) => Path.Combine(folder, PackColumn.FileName(split.Name, column.Name) + ".partial");

    private static byte[] Header(PackColumn column, long rows) => NpyFormat.HeaderBytes(column.DType, column.Shape(rows));

    private static long DataStart(PackColumn column) => Header(column, 0).Length;
}
