namespace Sweeps.Data;

/// <summary>Image files with their 0-based labels, before decoding: what the folder layouts list.</summary>
internal sealed record ImageFileList(string Source, IReadOnlyList<string> Files, int[] Labels, IReadOnlyList<string> ClassNames)
{
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];

    public static bool IsImageFile(string path) => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Decodes every file (centre crop, antialiased resize to <paramref name="size"/>) in parallel.</summary>
    public LabelledImages Decode(int size) =>
        new(ImageDecoding.DecodeAll(Files, size, ImageDecoding.CentreCrop), Labels, size, ClassNames.Count, Source) { ClassNames = ClassNames };

    /// <summary>Label of each class name: its index in <paramref name="classNames"/>.</summary>
    public static Dictionary<string, int> IndexOf(IReadOnlyList<string> classNames) =>
        classNames.Select((name, index) => (name, index)).ToDictionary(entry => entry.name, entry => entry.index, StringComparer.Ordinal);
}
