namespace Sweeps.Data;

/// <summary>One split of a source being packed (train, val, or a BAPPS split): its columns and its rows in order.</summary>
internal abstract class PackSplitSource
{
    /// <summary>Rows decoded per chunk: large enough to keep the cores busy, small enough to bound memory.</summary>
    protected const int ChunkRows = 1024;

    public abstract string Name { get; }
    public abstract IReadOnlyList<PackColumn> Columns { get; }
    /// <summary>The row count, or null when only reading the whole source tells (pickles).</summary>
    public abstract long? RowCount { get; }
    public virtual IReadOnlyList<string> ClassNames => [];
    public virtual IReadOnlyList<PackedCategory> Categories => [];

    /// <summary>The rows from <paramref name="firstRow"/> on (earlier rows are skipped, for resuming).</summary>
    public abstract IEnumerable<PackChunk> Read(long firstRow, CancellationToken cancellation);
}
