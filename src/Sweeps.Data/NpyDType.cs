using System.Diagnostics.CodeAnalysis;

namespace Sweeps.Data;

/// <summary>
/// A little-endian numeric NumPy dtype: its <c>descr</c> string as NumPy writes it (<c>|u1</c>,
/// <c>&lt;i4</c>, <c>&lt;f8</c>, ...), its kind (<c>u</c>, <c>i</c>, <c>f</c>) and item size in bytes.
/// </summary>
public sealed record NpyDType(string Descr, char Kind, int ItemSize)
{
    public static readonly NpyDType UInt8 = new("|u1", 'u', 1);
    public static readonly NpyDType Int32 = new("<i4", 'i', 4);
    public static readonly NpyDType Int64 = new("<i8", 'i', 8);
    public static readonly NpyDType Float32 = new("<f4", 'f', 4);
    public static readonly NpyDType Float64 = new("<f8", 'f', 8);

    private static readonly IReadOnlySet<string> IntegerKinds = new HashSet<string> { "u1", "i1", "u2", "i2", "u4", "i4", "u8", "i8" };
    private static readonly IReadOnlySet<string> FloatKinds = new HashSet<string> { "f4", "f8" };

    public bool IsInteger => Kind is 'u' or 'i';
    public bool IsFloat => Kind == 'f';

    /// <summary>
    /// Reads a descr such as <c>&lt;i8</c>. Single-byte types may carry any byte-order mark (NumPy
    /// writes <c>|</c>); wider ones must be little-endian. The result uses NumPy's spelling.
    /// </summary>
    public static bool TryParse(string descr, [NotNullWhen(true)] out NpyDType? dtype, out string problem)
    {
        dtype = null;
        if (descr.Length < 3 || !"<>|=".Contains(descr[0]))
        {
            problem = $"dtype '{descr}' is not a simple numeric dtype";
            return false;
        }
        var code = descr[1..];
        if (!IntegerKinds.Contains(code) && !FloatKinds.Contains(code))
        {
            problem = $"dtype '{descr}' is not supported (integers u1..i8, floats f4 and f8 are)";
            return false;
        }
        var itemSize = code[1] - '0';
        // '=' (native) and '|' (not applicable) only make sense without byte order, i.e. for one byte.
        if (itemSize > 1 && descr[0] != '<')
        {
            problem = descr[0] == '>'
                ? $"dtype '{descr}' is big-endian; only little-endian data is supported"
                : $"dtype '{descr}' does not state little-endian byte order";
            return false;
        }
        dtype = new NpyDType(itemSize == 1 ? "|" + code : descr, code[0], itemSize);
        problem = "";
        return true;
    }
}
