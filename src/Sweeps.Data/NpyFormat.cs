using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Sweeps.Data;

/// <summary>
/// The NumPy .npy format, versions 1.0, 2.0 and 3.0: magic <c>\x93NUMPY</c>, major and minor
/// version bytes, a little-endian header length (2 bytes in 1.0, 4 in 2.0/3.0), then the header
/// dictionary padded with spaces and a newline to a multiple of 64 bytes, then the data.
/// </summary>
public static class NpyFormat
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;
    // NumPy pads the header so that a growing first axis can be rewritten in place (up to 21 digits).
    private const int GrowthAxisMaxDigits = 21;

    public static NpyArray Read(Stream stream, string nameForMessages)
    {
        var (dtype, shape, _) = ReadHeader(stream, nameForMessages);
        var byteCount = NpyArray.ElementCountOf(shape) * dtype.ItemSize;
        if (byteCount > Array.MaxLength)
            throw new DataFormatException(nameForMessages, $"shape {NpyHeader.FormatShape(shape)} of {dtype.Descr} needs {byteCount} bytes, more than one array can hold");
        var data = ReadExactly(stream, (int)byteCount, nameForMessages, $"the data of shape {NpyHeader.FormatShape(shape)} and dtype {dtype.Descr}");
        return new NpyArray(dtype, shape, data);
    }

    /// <summary>Reads everything before the data; <c>DataOffset</c> is where the data starts (for memory maps).</summary>
    public static (NpyDType DType, long[] Shape, int DataOffset) ReadHeader(Stream stream, string nameForMessages)
    {
        var prelude = ReadExactly(stream, Magic.Length + 2, nameForMessages, "the magic string and version");
        if (!prelude.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new DataFormatException(nameForMessages, "not a .npy file (the magic string \\x93NUMPY is missing)");
        var (major, minor) = (prelude[6], prelude[7]);
        if (minor != 0 || major is < 1 or > 3)
            throw new DataFormatException(nameForMessages, $".npy format version {major}.{minor} is not supported (1.0, 2.0 and 3.0 are)");

        var lengthField = ReadExactly(stream, major == 1 ? 2 : 4, nameForMessages, "the header length");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField) : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        if (headerLength > Array.MaxLength - PrefixLength(major))
            throw new DataFormatException(nameForMessages, $"header length {headerLength} is implausible");
        var headerBytes = ReadExactly(stream, (int)headerLength, nameForMessages, "the header");
        var headerText = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var header = NpyHeader.Parse(headerText, nameForMessages);

        if (header.FortranOrder)
            throw new DataFormatException(nameForMessages, "fortran_order True (column-major data) is not supported");
        if (!NpyDType.TryParse(header.Descr, out var dtype, out var problem))
            throw new DataFormatException(nameForMessages, problem);
        try
        {
            _ = checked(NpyArray.ElementCountOf(header.Shape) * dtype.ItemSize);
        }
        catch (OverflowException)
        {
            throw new DataFormatException(nameForMessages, $"shape {NpyHeader.FormatShape(header.Shape)} is too large");
        }
        return (dtype, header.Shape, PrefixLength(major) + (int)headerLength);
    }

    /// <summary>Writes the array with the header bytes NumPy itself would write (version 1.0 unless the header needs 2.0).</summary>
    public static void Write(Stream stream, NpyArray array)
    {
        stream.Write(HeaderBytes(array));
        stream.Write(array.Data);
    }

    /// <summary>Magic, version, length field and padded header: everything before the data.</summary>
    public static byte[] HeaderBytes(NpyArray array) => HeaderBytes(array.DType, array.Shape);

    /// <summary>The header of an array of <paramref name="shape"/>; its length does not depend on the first extent,
    /// so a file's header can be rewritten in place once its row count is known.</summary>
    public static byte[] HeaderBytes(NpyDType dtype, long[] shape)
    {
        var text = new NpyHeader(dtype.Descr, false, shape).ToPythonLiteral();
        if (shape.Length > 0)
            text += new string(' ', Math.Max(0, GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length));
        var version = 1;
        var paddedText = PadToAlignment(text, PrefixLength(version));
        if (paddedText.Length > ushort.MaxValue)
        {
            version = 2;
            paddedText = PadToAlignment(text, PrefixLength(version));
        }
        var prefixLength = PrefixLength(version);

        var bytes = new byte[prefixLength + paddedText.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = (byte)version;
        bytes[7] = 0;
        if (version == 1)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)paddedText.Length);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)paddedText.Length);
        Encoding.Latin1.GetBytes(paddedText, bytes.AsSpan(prefixLength));
        return bytes;
    }

    private static int PrefixLength(int version) => Magic.Length + 2 + (version == 1 ? 2 : 4);

    // As NumPy: at least one space before the newline, a full 64 when the text already ends aligned.
    private static string PadToAlignment(string text, int prefixLength) =>
        text + new string(' ', Alignment - (prefixLength + text.Length + 1) % Alignment) + "\n";

    private static byte[] ReadExactly(Stream stream, int count, string nameForMessages, string what)
    {
        var buffer = new byte[count];
        var filled = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        if (filled < count)
            throw new DataFormatException(nameForMessages, $"truncated: {what} needs {count} bytes but only {filled} follow");
        return buffer;
    }
}
