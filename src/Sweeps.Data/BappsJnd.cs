namespace Sweeps.Data;

/// <summary>
/// Reads a BAPPS JND split folder (e.g. <c>jnd/val</c>): one subfolder per category holding
/// <c>p0</c>, <c>p1</c> (images) and <c>same</c> (.npy, the fraction of raters who said "same"),
/// sorted by name and paired by position like the 2AFC folders.
/// </summary>
public static class BappsJnd
{
    public const string SameFolder = "same";

    public static JndSet Read(string splitFolder, int size = 64)
    {
        if (!Directory.Exists(splitFolder))
            throw new DataFormatException(splitFolder, "BAPPS JND split folder not found");
        var categoryFolders = Directory.GetDirectories(splitFolder).Order(StringComparer.Ordinal).ToList();
        if (categoryFolders.Count == 0)
            throw new DataFormatException(splitFolder, "no category folders");
        return new JndSet(splitFolder, categoryFolders.Select(folder => ReadCategory(folder, size)).ToList());
    }

    /// <summary>True when every subfolder of <paramref name="splitFolder"/> holds p0, p1 and same.</summary>
    public static bool LooksLikeJnd(string splitFolder) => HasCategoriesWith(splitFolder, BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder, SameFolder);

    internal static bool HasCategoriesWith(string splitFolder, params string[] folders)
    {
        var categories = Directory.Exists(splitFolder) ? Directory.GetDirectories(splitFolder) : [];
        return categories.Length > 0 && categories.All(category => folders.All(name => Directory.Exists(Path.Combine(category, name))));
    }

    private static JndCategory ReadCategory(string categoryFolder, int size)
    {
        var p0 = BappsTwoAfc.SortedFiles(categoryFolder, BappsTwoAfc.P0Folder);
        var p1 = BappsTwoAfc.SortedFiles(categoryFolder, BappsTwoAfc.P1Folder);
        var same = BappsTwoAfc.SortedFiles(categoryFolder, SameFolder);
        if (p0.Length != p1.Length || p0.Length != same.Length)
            throw new DataFormatException(categoryFolder,
                $"the folders hold different numbers of files: {BappsTwoAfc.P0Folder} {p0.Length}, {BappsTwoAfc.P1Folder} {p1.Length}, {SameFolder} {same.Length}");
        return new JndCategory(
            Path.GetFileName(categoryFolder),
            BappsTwoAfc.DecodeAll(p0, size),
            BappsTwoAfc.DecodeAll(p1, size),
            same.Select(BappsTwoAfc.ReadFraction).ToArray(),
            size);
    }
}
