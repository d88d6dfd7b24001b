using System.Text.Json;

namespace Sweeps.Data;

/// <summary>
/// <c>manifest.json</c> of a prepared folder, written last by <see cref="PackedData.Prepare"/>: its
/// presence means the folder is complete. Kind is <c>images</c>, <c>2afc</c> or <c>jnd</c>; Source the
/// full path it was prepared from; Files every data file with its size and SHA-256.
/// </summary>
public sealed record PackedManifest(int FormatVersion, string Kind, string Source, int ImageSize,
    IReadOnlyList<PackedSplit> Splits, IReadOnlyList<PackedFile> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormatVersion = 1;

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static bool ExistsIn(string folder) => File.Exists(Path.Combine(folder, FileName));

    public static PackedManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new DataFormatException(path, "manifest not found (the folder is not prepared, or preparing did not finish)");
        PackedManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PackedManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException exception)
        {
            throw new DataFormatException(path, $"manifest is not valid JSON: {exception.Message}", exception);
        }
        if (manifest is null || manifest.Splits is null || manifest.Files is null)
            throw new DataFormatException(path, "manifest is empty or lacks splits/files");
        if (manifest.FormatVersion != CurrentFormatVersion)
            throw new DataFormatException(path, $"format version {manifest.FormatVersion} is not {CurrentFormatVersion}; prepare the data again");
        return manifest;
    }

    public PackedSplit Split(string name, string folder) =>
        Splits.FirstOrDefault(split => split.Name == name)
        ?? (Splits.Count == 1 ? Splits[0] : throw new DataFormatException(folder, $"no split '{name}' (splits: {string.Join(", ", Splits.Select(split => split.Name))})"));

    internal void WriteTo(string folder) => AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));
}
