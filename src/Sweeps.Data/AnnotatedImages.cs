namespace Sweeps.Data;

/// <summary>
/// The annotation-file layout of Tiny ImageNet's validation set: an <c>images</c> folder and a list
/// (<c>val_annotations.txt</c>, or the one <c>*annotations.txt</c>) of <c>file&lt;TAB&gt;class[&lt;TAB&gt;...]</c> lines.
/// Labels index a class list: the one given, else the sorted <c>wnids.txt</c> of the folder or its
/// parent (the order of a class-folder train set of the same data), else the sorted classes named in the list.
/// </summary>
public static class AnnotatedImages
{
    public const string ImagesFolder = "images";
    public const string AnnotationFileName = "val_annotations.txt";
    public const string ClassListFileName = "wnids.txt";

    public static LabelledImages Read(string folder, int size = 64, IReadOnlyList<string>? classNames = null) =>
        List(folder, classNames).Decode(size);

    public static bool LooksLikeAnnotated(string folder) =>
        Directory.Exists(Path.Combine(folder, ImagesFolder)) && AnnotationFile(folder) is not null;

    internal static ImageFileList List(string folder, IReadOnlyList<string>? classNames)
    {
        var annotations = AnnotationFile(folder)
            ?? throw new DataFormatException(folder, $"no {AnnotationFileName} (or other *annotations.txt) here");
        var entries = File.ReadLines(annotations)
            .Select((line, index) => (Fields: line.Split('\t'), Line: index + 1))
            .Where(entry => entry.Fields is not [""])
            .ToList();
        if (entries.Count == 0)
            throw new DataFormatException(annotations, "no annotation lines");
        foreach (var (fields, line) in entries.Where(entry => entry.Fields.Length < 2 || entry.Fields[0].Length == 0 || entry.Fields[1].Length == 0))
            throw new DataFormatException(annotations, $"line {line} is not 'file<TAB>class'");

        var names = classNames ?? ClassList(folder) ?? entries.Select(entry => entry.Fields[1]).Distinct().Order(StringComparer.Ordinal).ToList();
        var labelOf = ImageFileList.IndexOf(names);
        var labels = new int[entries.Count];
        for (var index = 0; index < entries.Count; index++)
        {
            var (fields, line) = entries[index];
            labels[index] = labelOf.TryGetValue(fields[1], out var label)
                ? label
                : throw new DataFormatException(annotations, $"line {line}: class '{fields[1]}' is not in the class list of {names.Count} classes");
        }
        var files = entries.Select(entry => Path.Combine(folder, ImagesFolder, entry.Fields[0])).ToList();
        return new ImageFileList(folder, files, labels, names);
    }

    private static string? AnnotationFile(string folder)
    {
        var named = Path.Combine(folder, AnnotationFileName);
        if (File.Exists(named))
            return named;
        var candidates = Directory.Exists(folder) ? Directory.GetFiles(folder, "*annotations.txt") : [];
        return candidates.Length == 1 ? candidates[0] : null;
    }

    private static List<string>? ClassList(string folder)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        var file = new[] { folder, parent }.OfType<string>().Select(place => Path.Combine(place, ClassListFileName)).FirstOrDefault(File.Exists);
        return file is null
            ? null
            : File.ReadLines(file).Select(line => line.Trim()).Where(line => line.Length > 0).Order(StringComparer.Ordinal).ToList();
    }
}
