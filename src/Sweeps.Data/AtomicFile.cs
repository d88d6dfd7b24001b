namespace Sweeps.Data;

/// <summary>Replaces a file only once its new content is complete on disk.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        File.Move(partial, path, overwrite: true);
    }
}
