namespace Sweeps.Data;

/// <summary>
/// A Python pickle of a dictionary of NumPy arrays (the older release of downsampled ImageNet:
/// <c>data</c>, <c>labels</c> as an array or a list of ints, <c>mean</c>), read as named arrays like
/// <see cref="NpzArchive"/>. Values that are neither arrays nor integer lists are left out.
/// </summary>
public static class PickleArchive
{
    public static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
        object? root;
        using (var stream = new BufferedStream(File.OpenRead(path), 1 << 20))
            root = new PickleReader(stream, path).Read();
        if (root is not Dictionary<string, object?> dictionary)
            throw new DataFormatException(path, $"the pickle holds a {root?.GetType().Name ?? "None"}, not a dictionary of arrays");

        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        foreach (var (name, value) in dictionary)
        {
            switch (value)
            {
                case PickledArray array:
                    arrays[name] = array.ToNpyArray($"{path} (key '{name}')");
                    break;
                case List<object?> list when list.All(item => item is long):
                    arrays[name] = NpyArray.FromInt64(list.Cast<long>().ToArray());
                    break;
            }
        }
        return arrays;
    }

    /// <summary>True when the file starts like a binary pickle (the PROTO opcode of protocol 2 or later).</summary>
    public static bool LooksLikePickle(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[2];
        return stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start[0] == 0x80 && start[1] is >= 2 and <= 5;
    }
}
