namespace Sweeps.Data;

/// <summary>
/// A <c>numpy.ndarray</c> being unpickled: created empty by <c>_reconstruct</c>, then filled by BUILD
/// with the state <c>(version, shape, dtype, is_fortran, raw bytes)</c>; or created whole by
/// <c>_frombuffer(bytes, dtype, shape, order)</c> (protocol 5).
/// </summary>
internal sealed class PickledArray
{
    public long[] Shape { get; set; } = [];
    public PickledDType? DType { get; set; }
    public bool Fortran { get; set; }
    public byte[]? Data { get; set; }

    public NpyArray ToNpyArray(string path)
    {
        if (DType is null || Data is null)
            throw new DataFormatException(path, "a pickled ndarray was never given its dtype and data");
        if (Fortran && Shape.Length > 1)
            throw new DataFormatException(path, "a pickled ndarray in Fortran order is not supported");
        if (!NpyDType.TryParse(DType.Descr, out var dtype, out var problem))
            throw new DataFormatException(path, $"pickled ndarray: {problem}");
        try
        {
            return new NpyArray(dtype, Shape, Data);
        }
        catch (ArgumentException exception)
        {
            throw new DataFormatException(path, $"pickled ndarray: {exception.Message}", exception);
        }
    }
}
