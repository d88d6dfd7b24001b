using System.Text.Json;

namespace Sweeps.Data;

/// <summary>
/// <c>prepare.progress.json</c>: how far an unfinished <see cref="PackedData.Prepare"/> got — the splits
/// already finished and the rows of the current split safely on disk. Deleted when the manifest is written.
/// </summary>
internal sealed record PrepareState(int FormatVersion, string Source, string Kind, List<PackedSplit> Finished, long RowsDone)
{
    public const string FileName = "prepare.progress.json";

    /// <summary>The saved state if it belongs to the same source and kind; otherwise a fresh start.</summary>
    public static PrepareState LoadOrStart(string folder, string source, string kind)
    {
        var path = Path.Combine(folder, FileName);
        var fresh = new PrepareState(PackedManifest.CurrentFormatVersion, source, kind, [], 0);
        if (!File.Exists(path))
            return fresh;
        try
        {
            var saved = JsonSerializer.Deserialize<PrepareState>(File.ReadAllText(path), PackedManifest.Json);
            return saved is not null && saved with { Finished = fresh.Finished, RowsDone = 0 } == fresh ? saved : fresh;
        }
        catch (JsonException)
        {
            return fresh;
        }
    }

    public void Save(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, PackedManifest.Json));
}
