using System.IO.Compression;

namespace Sweeps.Data;

/// <summary>
/// NumPy .npz archives: a zip of .npy members, one per named array (member <c>data.npy</c> is array
/// <c>data</c>). Reads stored and deflated members; writes deflated ones.
/// </summary>
public static class NpzArchive
{
    private const string MemberSuffix = ".npy";
    // A fixed member timestamp keeps archives of equal arrays byte-identical.
    private static readonly DateTimeOffset MemberTimestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
        try
        {
            using var archive = ZipFile.OpenRead(path);
            var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.Where(entry => !entry.FullName.EndsWith('/')))
            {
                var name = entry.FullName.EndsWith(MemberSuffix, StringComparison.Ordinal) ? entry.FullName[..^MemberSuffix.Length] : entry.FullName;
                using var member = entry.Open();
                if (!arrays.TryAdd(name, NpyFormat.Read(member, $"{path} (member {entry.FullName})")))
                    throw new DataFormatException(path, $"array '{name}' is stored twice");
            }
            return arrays;
        }
        catch (InvalidDataException exception)
        {
            throw new DataFormatException(path, $"not a readable .npz (zip) archive: {exception.Message}", exception);
        }
        catch (EndOfStreamException exception)
        {
            throw new DataFormatException(path, $"truncated .npz (zip) archive: {exception.Message}", exception);
        }
    }

    /// <summary>The shape of array <paramref name="name"/> read from its header alone, without inflating its data.</summary>
    public static long[] ReadShape(string path, string name)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            var entry = archive.GetEntry(name + MemberSuffix) ?? throw new DataFormatException(path, $"array '{name}' is missing");
            using var member = entry.Open();
            return NpyFormat.ReadHeader(member, $"{path} (member {entry.FullName})").Shape;
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException)
        {
            throw new DataFormatException(path, $"not a readable .npz (zip) archive: {exception.Message}", exception);
        }
    }

    /// <summary>Writes the arrays to a new archive at <paramref name="path"/>, replacing any file only once complete.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, NpyArray> arrays)
    {
        var partial = path + ".partial";
        File.Delete(partial);
        using (var archive = ZipFile.Open(partial, ZipArchiveMode.Create))
        {
            foreach (var (name, array) in arrays)
            {
                // Fastest: the demo images are mostly noise, which the slower levels barely shrink further.
                var entry = archive.CreateEntry(name + MemberSuffix, CompressionLevel.Fastest);
                entry.LastWriteTime = MemberTimestamp;
                using var member = entry.Open();
                NpyFormat.Write(member, array);
            }
        }
        File.Move(partial, path, overwrite: true);
    }
}
