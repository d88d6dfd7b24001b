namespace Sweeps.Storage;

/// <summary>One measurement of a checkpoint. Absent qualifiers are stored as "" so that the unique
/// key over them holds (NULLs never collide in a unique index).</summary>
public sealed class Score
{
    public int Id { get; set; }
    public int CheckpointId { get; set; }
    public required string Metric { get; set; }
    public required string Function { get; set; }
    public required string Layer { get; set; }
    public required string Category { get; set; }
    public double Value { get; set; }
}
