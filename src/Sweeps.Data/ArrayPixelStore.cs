namespace Sweeps.Data;

public sealed class ArrayPixelStore(byte[] pixels) : IPixelStore
{
    public long Length => pixels.Length;

    public ReadOnlySpan<byte> Slice(long start, int length) => pixels.AsSpan(checked((int)start), length);

    public void Dispose()
    {
        // Nothing to release: the garbage collector owns the array.
    }
}
