namespace Sweeps.Data;

/// <summary>One array of a packed split, stored as <c>&lt;split&gt;.&lt;name&gt;.npy</c> with one row per image
/// (or triplet): <paramref name="RowLength"/> elements of <paramref name="DType"/> (1 = a scalar per row).</summary>
internal sealed record PackColumn(string Name, NpyDType DType, int RowLength)
{
    public const string Images = "images";
    public const string Labels = "labels";
    public const string Categories = "categories";
    public const string Judges = "judges";
    public const string Same = "same";

    public int RowBytes => RowLength * DType.ItemSize;
    public bool IsImage => DType == NpyDType.UInt8;

    public long[] Shape(long rows) => RowLength == 1 && !IsImage ? [rows] : [rows, RowLength];

    public static string FileName(string split, string column) => $"{split}.{column}.npy";

    /// <summary>What a column of this name holds in a prepared folder of <paramref name="size"/> images.</summary>
    public static PackColumn Expected(string name, int size) => name switch
    {
        Labels or Categories => Int32(name),
        Judges or Same => Float32(name),
        _ => Image(name, size),
    };

    public static PackColumn Image(string name, int size) => new(name, NpyDType.UInt8, 3 * size * size);
    public static PackColumn Int32(string name) => new(name, NpyDType.Int32, 1);
    public static PackColumn Float32(string name) => new(name, NpyDType.Float32, 1);
}
