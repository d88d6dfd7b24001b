namespace Sweeps.Data;

/// <summary>
/// A split of a prepared folder (<c>train</c>, <c>val</c>, <c>2afc</c> or <c>jnd</c>): its row count,
/// classes (ClassCount is the largest label + 1 when the source names no classes), BAPPS categories,
/// and column names; column c lives in <c>&lt;name&gt;.&lt;c&gt;.npy</c>.
/// </summary>
public sealed record PackedSplit(string Name, long Count, int ClassCount, IReadOnlyList<string> ClassNames,
    IReadOnlyList<PackedCategory> Categories, IReadOnlyList<string> Columns)
{
    public string FileOf(string column) => PackColumn.FileName(Name, column);
}
