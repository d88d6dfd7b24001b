namespace Sweeps.Storage;

/// <summary>A score that depends only on a BAPPS folder, not on a model (pixel L2, SSIM, the human
/// ceiling): computed once per folder and shown beside every sweep scored on it.</summary>
public sealed class ReferenceScore
{
    public int Id { get; set; }
    /// <summary>The BAPPS folder, as an absolute path.</summary>
    public required string Folder { get; set; }
    public required string Metric { get; set; }
    public required string Function { get; set; }
    public required string Category { get; set; }
    public double Value { get; set; }
}
