namespace Sweeps.Storage;

/// <summary>The saved state of a trial after <see cref="Step"/> optimiser updates (an epoch end, or
/// a step checkpoint inside an epoch).</summary>
public sealed class Checkpoint
{
    public int Id { get; set; }
    public int TrialId { get; set; }
    public Trial? Trial { get; set; }
    /// <summary>Whole epochs completed.</summary>
    public int Epoch { get; set; }
    /// <summary>Training progress in epochs, fractional for step checkpoints (the x axis of PS over training).</summary>
    public double EpochFraction { get; set; }
    public long Step { get; set; }
    /// <summary>The attempt (claim) that wrote it.</summary>
    public int Attempt { get; set; }
    /// <summary>False for a checkpoint taken only to stop at (an operator's cancel or pause): a resume
    /// point, not scored, not part of the trial's history.</summary>
    public bool Scheduled { get; set; } = true;
    public required string Path { get; set; }
    public required string Sha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the keep policy deleted the file; its scores stay.</summary>
    public DateTime? FileDeletedAt { get; set; }
    public List<Score> Scores { get; set; } = [];
}
