namespace Sweeps.Data;

/// <summary>
/// Reads a BAPPS 2AFC split folder (e.g. <c>2afc/val</c>): one subfolder per category holding
/// <c>ref</c>, <c>p0</c>, <c>p1</c> (images) and <c>judge</c> (.npy, the fraction of raters who found
/// p1 closer). Each folder is sorted by file name and paired by position, as the reference loader does.
/// </summary>
public static class BappsTwoAfc
{
    public const string ReferenceFolder = "ref";
    public const string P0Folder = "p0";
    public const string P1Folder = "p1";
    public const string JudgeFolder = "judge";

    public static TwoAfcSet Read(string splitFolder, int size = 64) =>
        new(splitFolder, CategoryFolders(splitFolder, "BAPPS split").Select(folder => ReadCategory(folder, size)).ToList());

    /// <summary>The category subfolders of a BAPPS split, sorted by name.</summary>
    internal static IReadOnlyList<string> CategoryFolders(string splitFolder, string what)
    {
        if (!Directory.Exists(splitFolder))
            throw new DataFormatException(splitFolder, $"{what} folder not found");
        var categoryFolders = Directory.GetDirectories(splitFolder).Order(StringComparer.Ordinal).ToList();
        return categoryFolders.Count > 0 ? categoryFolders : throw new DataFormatException(splitFolder, "no category folders");
    }

    /// <summary>True when every subfolder of <paramref name="splitFolder"/> holds ref, p0, p1 and judge.</summary>
    public static bool LooksLikeTwoAfc(string splitFolder) => BappsJnd.HasCategoriesWith(splitFolder, ReferenceFolder, P0Folder, P1Folder, JudgeFolder);

    private static TwoAfcCategory ReadCategory(string categoryFolder, int size)
    {
        var files = PairedFiles(categoryFolder, ReferenceFolder, P0Folder, P1Folder, JudgeFolder);
        return new TwoAfcCategory(
            Path.GetFileName(categoryFolder),
            DecodeAll(files[0], size),
            DecodeAll(files[1], size),
            DecodeAll(files[2], size),
            files[3].Select(ReadFraction).ToArray(),
            size);
    }

    /// <summary>The sorted files of each named subfolder, which must hold equally many (they pair by position).</summary>
    internal static string[][] PairedFiles(string categoryFolder, params string[] names)
    {
        var files = names.Select(name => SortedFiles(categoryFolder, name)).ToArray();
        if (files.Select(list => list.Length).Distinct().Count() > 1)
            throw new DataFormatException(categoryFolder,
                $"the folders hold different numbers of files: {string.Join(", ", names.Zip(files, (name, list) => $"{name} {list.Length}"))}");
        return files;
    }

    private static string[] SortedFiles(string categoryFolder, string name)
    {
        var folder = Path.Combine(categoryFolder, name);
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, "folder not found");
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new DataFormatException(folder, "folder is empty");
    }

    /// <summary>Decodes the images in parallel into one channel-major block (resized to size x size, bilinear, as the reference loader does).</summary>
    internal static byte[] DecodeAll(string[] files, int size)
    {
        var imageBytes = 3 * size * size;
        var block = new byte[(long)files.Length * imageBytes];
        ImageDecoding.DecodeInto(files, 0, files.Length, block, size, ImageDecoding.Exact);
        return block;
    }

    /// <summary>A one-element float .npy (judge or JND 'same'): &lt;f4 or &lt;f8, shape () or (1,), within [0, 1].</summary>
    internal static float ReadFraction(string path)
    {
        NpyArray judge;
        using (var stream = File.OpenRead(path))
            judge = NpyFormat.Read(stream, path);
        if (!judge.DType.IsFloat)
            throw new DataFormatException(path, $"dtype {judge.Descr} is not <f4 or <f8");
        if (judge.Shape.Length > 1 || judge.Count != 1)
            throw new DataFormatException(path, $"shape {NpyHeader.FormatShape(judge.Shape)} is not () or (1,)");
        var value = judge.FloatsAsFloat64()[0];
        return value is >= 0 and <= 1
            ? (float)value
            : throw new DataFormatException(path, $"value {value} is outside [0, 1]");
    }
}
