namespace Sweeps.Data;

/// <summary>Consecutive rows of a split being packed: the bytes of each column, in column order.</summary>
internal sealed record PackChunk(int Rows, byte[][] Columns)
{
    /// <summary>This chunk in pieces of at most <paramref name="rows"/> rows (a large batch file is saved, and its progress recorded, piece by piece).</summary>
    public IEnumerable<PackChunk> Pieces(int rows)
    {
        for (var first = 0; first < Rows; first += rows)
        {
            var count = Math.Min(rows, Rows - first);
            yield return count == Rows
                ? this
                : new PackChunk(count, Columns.Select(column =>
                {
                    var rowBytes = column.Length / Rows;
                    return column.AsSpan(first * rowBytes, count * rowBytes).ToArray();
                }).ToArray());
        }
    }
}
