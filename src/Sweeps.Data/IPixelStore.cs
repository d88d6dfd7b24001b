namespace Sweeps.Data;

/// <summary>Where the bytes of an image set live: a managed array, or a memory-mapped packed file
/// when the set is larger than one array may be (real ImageNet is 15.7 GB).</summary>
public interface IPixelStore : IDisposable
{
    long Length { get; }

    /// <summary>The bytes [start, start + length); valid until the store is disposed.</summary>
    ReadOnlySpan<byte> Slice(long start, int length);
}
