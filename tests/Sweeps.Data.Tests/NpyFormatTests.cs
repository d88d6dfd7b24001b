using System.Text;

namespace Sweeps.Data.Tests;

public class NpyFormatTests
{
    [Fact]
    public void Header_bytes_match_what_numpy_writes()
    {
        var array = NpyArray.FromFloat32([0, 1, 2, 3, 4, 5], 2, 3);

        // np.save of np.arange(6, dtype='<f4').reshape(2, 3): 118 header bytes after the 10-byte
        // prefix; the dict text, 20 spaces of growth room plus 38 of alignment, then a newline.
        var expected = Encoding.Latin1.GetBytes(
            "\x93NUMPY\x01\x00\x76\x00{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" + new string(' ', 58) + "\n");
        Assert.Equal(expected, NpyFormat.HeaderBytes(array));
        Assert.Equal(128, expected.Length);
    }

    [Fact]
    public void Zero_dimensional_header_is_padded_to_the_next_64_bytes()
    {
        var scalar = new NpyArray(NpyDType.Float64, [], BitConverter.GetBytes(0.5));

        var expected = Encoding.Latin1.GetBytes(
            "\x93NUMPY\x01\x00\x76\x00{'descr': '<f8', 'fortran_order': False, 'shape': (), }" + new string(' ', 62) + "\n");
        Assert.Equal(expected, NpyFormat.HeaderBytes(scalar));
    }

    [Fact]
    public void Written_file_is_header_then_little_endian_data()
    {
        using var stream = new MemoryStream();
        NpyFormat.Write(stream, NpyArray.FromInt32([1, -2]));

        var bytes = stream.ToArray();
        Assert.Equal(128 + 8, bytes.Length);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF }, bytes[128..]);
        Assert.Contains("'descr': '<i4'", Encoding.Latin1.GetString(bytes, 10, 118));
        Assert.Contains("'shape': (2,)", Encoding.Latin1.GetString(bytes, 10, 118));
    }

    [Fact]
    public void Every_dtype_round_trips()
    {
        AssertRoundTrip(NpyArray.FromUInt8([0, 7, 255], 3), array => array.AsUInt8(), new byte[] { 0, 7, 255 });
        AssertRoundTrip(NpyArray.FromInt32([int.MinValue, -1, 0, int.MaxValue], 2, 2), array => array.ToInt32(), new[] { int.MinValue, -1, 0, int.MaxValue });
        AssertRoundTrip(NpyArray.FromInt64([long.MinValue, 42, long.MaxValue]), array => array.ToInt64(), new[] { long.MinValue, 42, long.MaxValue });
        AssertRoundTrip(NpyArray.FromFloat32([-1.5f, float.Epsilon, 3e38f], 1, 3), array => array.ToFloat32(), new[] { -1.5f, float.Epsilon, 3e38f });
        AssertRoundTrip(NpyArray.FromFloat64([Math.PI, -0.0, 1e-300], 3, 1, 1), array => array.ToFloat64(), new[] { Math.PI, -0.0, 1e-300 });
    }

    private static void AssertRoundTrip<T>(NpyArray original, Func<NpyArray, T[]> values, T[] expected)
    {
        using var stream = new MemoryStream();
        NpyFormat.Write(stream, original);
        stream.Position = 0;

        var read = NpyFormat.Read(stream, "memory.npy");

        Assert.Equal(original.Descr, read.Descr);
        Assert.Equal(original.Shape, read.Shape);
        Assert.Equal(expected, values(read));
    }

    [Fact]
    public void Version_2_header_with_a_four_byte_length_is_read()
    {
        var header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
        var padded = header + new string(' ', 64 - (12 + header.Length + 1) % 64) + "\n";
        var bytes = new List<byte>(Encoding.Latin1.GetBytes("\x93NUMPY\x02\x00"));
        bytes.AddRange(BitConverter.GetBytes((uint)padded.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(padded));
        bytes.AddRange(BitConverter.GetBytes(-3L));
        bytes.AddRange(BitConverter.GetBytes(9L));

        var read = NpyFormat.Read(new MemoryStream(bytes.ToArray()), "v2.npy");

        Assert.Equal(new[] { -3L, 9L }, read.ToInt64());
        Assert.Equal(new long[] { 2 }, read.Shape);
    }

    [Fact]
    public void Header_in_double_quotes_with_any_key_order_is_read()
    {
        var read = NpyFormat.Read(new MemoryStream(NpyBytes("{\"shape\": (1, 2), \"fortran_order\": False, \"descr\": \"|u1\"}", [5, 6])), "quoted.npy");

        Assert.Equal(new byte[] { 5, 6 }, read.AsUInt8());
        Assert.Equal(new long[] { 1, 2 }, read.Shape);
    }

    [Fact]
    public void Fortran_order_is_rejected()
    {
        var bytes = NpyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", new byte[4]);

        var error = Assert.Throws<DataFormatException>(() => NpyFormat.Read(new MemoryStream(bytes), "columns.npy"));

        Assert.Equal("columns.npy", error.Path);
        Assert.Contains("fortran_order", error.Message);
    }

    [Fact]
    public void Big_endian_data_is_rejected()
    {
        var bytes = NpyBytes("{'descr': '>i4', 'fortran_order': False, 'shape': (1,), }", new byte[4]);

        var error = Assert.Throws<DataFormatException>(() => NpyFormat.Read(new MemoryStream(bytes), "big.npy"));

        Assert.StartsWith("big.npy: ", error.Message);
        Assert.Contains("big-endian", error.Message);
    }

    [Fact]
    public void Unknown_dtype_is_rejected()
    {
        var bytes = NpyBytes("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", new byte[16]);

        var error = Assert.Throws<DataFormatException>(() => NpyFormat.Read(new MemoryStream(bytes), "complex.npy"));

        Assert.Contains("'<c16' is not supported", error.Message);
    }

    [Fact]
    public void Truncated_data_is_rejected_naming_the_file()
    {
        using var stream = new MemoryStream();
        NpyFormat.Write(stream, NpyArray.FromFloat64([1, 2, 3]));
        var truncated = stream.ToArray()[..^5];

        var error = Assert.Throws<DataFormatException>(() => NpyFormat.Read(new MemoryStream(truncated), "/data/short.npy"));

        Assert.Equal("/data/short.npy", error.Path);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("needs 24 bytes but only 19 follow", error.Message);
    }

    [Fact]
    public void Missing_magic_is_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() => NpyFormat.Read(new MemoryStream(Encoding.ASCII.GetBytes("PK\x03\x04 not numpy")), "zip.npy"));

        Assert.Contains("not a .npy file", error.Message);
    }

    private static byte[] NpyBytes(string header, byte[] data)
    {
        var padded = header + new string(' ', 64 - (10 + header.Length + 1) % 64) + "\n";
        var bytes = new List<byte>(Encoding.Latin1.GetBytes("\x93NUMPY\x01\x00"));
        bytes.AddRange(BitConverter.GetBytes((ushort)padded.Length));
        bytes.AddRange(Encoding.Latin1.GetBytes(padded));
        bytes.AddRange(data);
        return bytes.ToArray();
    }
}
