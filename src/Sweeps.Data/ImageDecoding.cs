using System.Runtime.ExceptionServices;

namespace Sweeps.Data;

/// <summary>Decodes many image files in parallel into consecutive rows of one block.</summary>
internal static class ImageDecoding
{
    /// <summary>Decodes one file into a row of 3 x size x size bytes.</summary>
    public delegate void RowDecoder(string path, Span<byte> row, int size);

    public static readonly RowDecoder Exact = RgbImage.ReadInto;
    public static readonly RowDecoder CentreCrop = RgbImage.ReadCentreCropInto;

    /// <summary>All <paramref name="files"/> as rows of an anonymous memory map (any count fits).</summary>
    public static MappedPixelStore DecodeAll(IReadOnlyList<string> files, int size, RowDecoder decode)
    {
        var rowBytes = 3 * size * size;
        var store = MappedPixelStore.CreateAnonymous((long)files.Count * rowBytes);
        try
        {
            RunParallel(files.Count, index => decode(files[index], store.Writable((long)index * rowBytes, rowBytes), size));
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Files [first, first + count) decoded into the start of <paramref name="block"/>.</summary>
    public static void DecodeInto(IReadOnlyList<string> files, int first, int count, byte[] block, int size, RowDecoder decode)
    {
        var rowBytes = 3 * size * size;
        RunParallel(count, index => decode(files[first + index], block.AsSpan(index * rowBytes, rowBytes), size));
    }

    /// <summary>Runs in parallel; a bad file is reported as its own <see cref="DataFormatException"/>, not an aggregate.</summary>
    public static void RunParallel(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException exception) when (exception.InnerExceptions.FirstOrDefault(inner => inner is DataFormatException) is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }
}
