using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sweeps.Data;

/// <summary>
/// A C-ordered NumPy array: dtype, shape and the raw little-endian element bytes. Typed accessors
/// copy the bytes out as the matching .NET type (the platform is little-endian).
/// </summary>
public sealed class NpyArray
{
    public NpyArray(NpyDType dtype, long[] shape, byte[] data)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("NpyArray assumes a little-endian platform.");
        if (shape.Any(extent => extent < 0))
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) has a negative extent.", nameof(shape));
        var count = ElementCountOf(shape);
        if (data.LongLength != count * dtype.ItemSize)
            throw new ArgumentException($"{data.LongLength} bytes do not hold {count} elements of {dtype.Descr}.", nameof(data));
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    public NpyDType DType { get; }
    public string Descr => DType.Descr;
    public long[] Shape { get; }
    /// <summary>The element bytes, little-endian, C order.</summary>
    public byte[] Data { get; }
    public long Count => Data.LongLength / DType.ItemSize;

    /// <summary>Product of the extents (1 for the 0-d shape <c>()</c>).</summary>
    public static long ElementCountOf(IEnumerable<long> shape) =>
        shape.Aggregate(1L, (product, extent) => checked(product * extent));

    // Factories: without a shape the array is 1-d; a 0-d array needs the constructor with shape [].
    public static NpyArray FromUInt8(byte[] values, params long[] shape) => new(NpyDType.UInt8, ShapeOrVector(shape, values.Length), values);
    public static NpyArray FromInt32(int[] values, params long[] shape) => FromValues<int>(NpyDType.Int32, values, shape);
    public static NpyArray FromInt64(long[] values, params long[] shape) => FromValues<long>(NpyDType.Int64, values, shape);
    public static NpyArray FromFloat32(float[] values, params long[] shape) => FromValues<float>(NpyDType.Float32, values, shape);
    public static NpyArray FromFloat64(double[] values, params long[] shape) => FromValues<double>(NpyDType.Float64, values, shape);

    /// <summary>The bytes of a <c>|u1</c> array (not a copy).</summary>
    public byte[] AsUInt8() => Require(NpyDType.UInt8).Data;
    public int[] ToInt32() => Require(NpyDType.Int32).CopyAs<int>();
    public long[] ToInt64() => Require(NpyDType.Int64).CopyAs<long>();
    public float[] ToFloat32() => Require(NpyDType.Float32).CopyAs<float>();
    public double[] ToFloat64() => Require(NpyDType.Float64).CopyAs<double>();

    /// <summary>Any integer dtype widened to 64 bits (unsigned 64-bit values above long.MaxValue are refused).</summary>
    public long[] IntegersAsInt64()
    {
        if (!DType.IsInteger)
            throw new InvalidOperationException($"The array has dtype {Descr}, not an integer dtype.");
        var result = new long[Count];
        var size = DType.ItemSize;
        for (var i = 0; i < result.Length; i++)
        {
            var bytes = Data.AsSpan(i * size, size);
            result[i] = (DType.Kind, size) switch
            {
                ('u', 1) => bytes[0],
                ('i', 1) => (sbyte)bytes[0],
                ('u', 2) => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
                ('i', 2) => BinaryPrimitives.ReadInt16LittleEndian(bytes),
                ('u', 4) => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
                ('i', 4) => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                ('u', 8) => checked((long)BinaryPrimitives.ReadUInt64LittleEndian(bytes)),
                _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            };
        }
        return result;
    }

    /// <summary>Any float dtype widened to double.</summary>
    public double[] FloatsAsFloat64()
    {
        if (!DType.IsFloat)
            throw new InvalidOperationException($"The array has dtype {Descr}, not a float dtype.");
        return DType.ItemSize == 4 ? Array.ConvertAll(CopyAs<float>(), value => (double)value) : CopyAs<double>();
    }

    private static NpyArray FromValues<T>(NpyDType dtype, T[] values, long[] shape) where T : unmanaged =>
        new(dtype, ShapeOrVector(shape, values.Length), MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    // No shape given means a 1-d array of all the values.
    private static long[] ShapeOrVector(long[] shape, int length) => shape.Length == 0 ? [length] : shape;

    private NpyArray Require(NpyDType dtype) =>
        DType == dtype ? this : throw new InvalidOperationException($"The array has dtype {Descr}, not {dtype.Descr}.");

    private T[] CopyAs<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Data).ToArray();
}
