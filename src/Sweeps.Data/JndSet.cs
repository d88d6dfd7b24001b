namespace Sweeps.Data;

/// <summary>A BAPPS JND split (for example <c>jnd/val</c>): its categories in name order.</summary>
public sealed record JndSet(string Folder, IReadOnlyList<JndCategory> Categories)
{
    /// <summary>The original source recorded by <see cref="PackedData.Prepare"/> when read from a prepared folder; null otherwise.</summary>
    public string? PreparedFrom { get; init; }
}
