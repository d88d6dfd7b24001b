namespace Sweeps.Data;

/// <summary>
/// Reads a BAPPS JND split folder (e.g. <c>jnd/val</c>): one subfolder per category holding
/// <c>p0</c>, <c>p1</c> (images) and <c>same</c> (.npy, the fraction of raters who said "same"),
/// sorted by name and paired by position like the 2AFC folders.
/// </summary>
public static class BappsJnd
{
    public const string SameFolder = "same";

    public static JndSet Read(string splitFolder, int size = 64) =>
        new(splitFolder, BappsTwoAfc.CategoryFolders(splitFolder, "BAPPS JND split").Select(folder => ReadCategory(folder, size)).ToList());

    /// <summary>True when every subfolder of <paramref name="splitFolder"/> holds p0, p1 and same.</summary>
    public static bool LooksLikeJnd(string splitFolder) => HasCategoriesWith(splitFolder, BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder, SameFolder);

    internal static bool HasCategoriesWith(string splitFolder, params string[] folders)
    {
        var categories = Directory.Exists(splitFolder) ? Directory.GetDirectories(splitFolder) : [];
        return categories.Length > 0 && categories.All(category => folders.All(name => Directory.Exists(Path.Combine(category, name))));
    }

    private static JndCategory ReadCategory(string categoryFolder, int size)
    {
        var files = BappsTwoAfc.PairedFiles(categoryFolder, BappsTwoAfc.P0Folder, BappsTwoAfc.P1Folder, SameFolder);
        return new JndCategory(
            Path.GetFileName(categoryFolder),
            BappsTwoAfc.DecodeAll(files[0], size),
            BappsTwoAfc.DecodeAll(files[1], size),
            files[2].Select(BappsTwoAfc.ReadFraction).ToArray(),
            size);
    }
}
