namespace Sweeps.Storage;

/// <summary>One submitted sweep file and the trials expanded from it.</summary>
public sealed class Sweep
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string YamlText { get; set; }
    public required string YamlSha256 { get; set; }
    public DateTime SubmittedAt { get; set; }
    public List<Trial> Trials { get; set; } = [];
}
