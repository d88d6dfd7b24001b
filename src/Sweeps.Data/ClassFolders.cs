namespace Sweeps.Data;

/// <summary>
/// Images in one subfolder per class (JPEG/PNG of any size, directly or in nested folders such as
/// Tiny ImageNet's <c>train/&lt;wnid&gt;/images</c>). Class names are the sorted subfolder names
/// unless a class list is given; images become <c>size</c> x <c>size</c> by centre crop and antialiased resize.
/// </summary>
public static class ClassFolders
{
    public static LabelledImages Read(string folder, int size = 64, IReadOnlyList<string>? classNames = null) =>
        List(folder, classNames).Decode(size);

    /// <summary>True when <paramref name="folder"/> has at least two subfolders (one class is no classification task, and is what the parent of
    /// a real dataset folder looks like), the first holding images.</summary>
    public static bool LooksLikeClassFolders(string folder) =>
        Directory.Exists(folder)
        && Directory.GetDirectories(folder).Order(StringComparer.Ordinal).ToList() is [var first, _, ..]
        && Directory.EnumerateFiles(first, "*", SearchOption.AllDirectories).Any(ImageFileList.IsImageFile);

    internal static ImageFileList List(string folder, IReadOnlyList<string>? classNames)
    {
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, "folder not found");
        var classFolders = Directory.GetDirectories(folder).Order(StringComparer.Ordinal).ToList();
        if (classFolders.Count == 0)
            throw new DataFormatException(folder, "no class subfolders");
        var names = classNames ?? classFolders.Select(Path.GetFileName).Select(name => name!).ToList();
        var labelOf = ImageFileList.IndexOf(names);

        var files = new List<string>();
        var labels = new List<int>();
        foreach (var classFolder in classFolders)
        {
            var name = Path.GetFileName(classFolder);
            if (!labelOf.TryGetValue(name, out var label))
                throw new DataFormatException(classFolder, $"class '{name}' is not in the class list of {names.Count} classes");
            var images = Directory.EnumerateFiles(classFolder, "*", SearchOption.AllDirectories)
                .Where(ImageFileList.IsImageFile).Order(StringComparer.Ordinal).ToList();
            if (images.Count == 0)
                throw new DataFormatException(classFolder, "class folder holds no JPEG or PNG images");
            files.AddRange(images);
            labels.AddRange(Enumerable.Repeat(label, images.Count));
        }
        return new ImageFileList(folder, files, [.. labels], names);
    }
}
