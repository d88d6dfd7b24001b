using System.IO.MemoryMappedFiles;

namespace Sweeps.Data;

/// <summary>
/// Image bytes in a memory map: a region of a packed file (read-only), or anonymous memory for sets
/// too large for one managed array. Pages are loaded by the OS on demand, so a 15.7 GB train set
/// costs address space, not heap.
/// </summary>
public sealed unsafe class MappedPixelStore : IPixelStore
{
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* start;
    private bool disposed;

    private MappedPixelStore(MemoryMappedFile map, long offset, long length, MemoryMappedFileAccess access)
    {
        this.map = map;
        view = map.CreateViewAccessor(offset, length, access);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        start = pointer + view.PointerOffset;
        Length = length;
    }

    public long Length { get; }

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="path"/> from <paramref name="offset"/>, read-only.</summary>
    public static MappedPixelStore Open(string path, long offset, long length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var fileLength = new FileInfo(path).Length;
        if (offset + length > fileLength)
            throw new DataFormatException(path, $"the file holds {fileLength} bytes; {offset + length} are needed");
        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
        return new MappedPixelStore(map, offset, length, MemoryMappedFileAccess.Read);
    }

    /// <summary>Zeroed anonymous memory of <paramref name="length"/> bytes, filled through <see cref="Writable"/>.</summary>
    public static MappedPixelStore CreateAnonymous(long length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return new MappedPixelStore(MemoryMappedFile.CreateNew(mapName: null, length), 0, length, MemoryMappedFileAccess.ReadWrite);
    }

    public ReadOnlySpan<byte> Slice(long start, int length) => Writable(start, length);

    /// <summary>The bytes [start, start + length) for writing (anonymous stores only; a file view is read-only).</summary>
    internal Span<byte> Writable(long start, int length)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (start < 0 || length < 0 || start + length > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {start + length}) is outside the {Length} mapped bytes");
        return new Span<byte>(this.start + start, length);
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        map.Dispose();
    }
}
