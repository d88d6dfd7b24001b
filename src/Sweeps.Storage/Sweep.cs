namespace Sweeps.Storage;

/// <summary>One submitted sweep file and its trials (created by it or reused from earlier sweeps).</summary>
public sealed class Sweep
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string YamlText { get; set; }
    public required string YamlSha256 { get; set; }
    public DateTime SubmittedAt { get; set; }
    /// <summary>Higher is claimed first.</summary>
    public int Priority { get; set; }
    public List<SweepTrial> Members { get; set; } = [];
}
