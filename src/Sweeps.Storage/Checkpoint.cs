namespace Sweeps.Storage;

/// <summary>The saved state of a trial after one epoch.</summary>
public sealed class Checkpoint
{
    public int Id { get; set; }
    public int TrialId { get; set; }
    public Trial? Trial { get; set; }
    public int Epoch { get; set; }
    public long Step { get; set; }
    public required string Path { get; set; }
    public required string Sha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Score> Scores { get; set; } = [];
}
