namespace Sweeps.Storage;

/// <summary>One configuration of a sweep, trained by whichever worker holds its lease.</summary>
public sealed class Trial
{
    public int Id { get; set; }
    public int SweepId { get; set; }
    /// <summary>Position in the sweep, 0-based.</summary>
    public int Index { get; set; }
    /// <summary>The swept values in short, e.g. <c>model.depth=6 model.width=0.25</c>.</summary>
    public required string Label { get; set; }
    public required string ConfigJson { get; set; }
    public required string ConfigHash { get; set; }
    public TrialState State { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public string? WorkerId { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public int CompletedEpochs { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public List<Checkpoint> Checkpoints { get; set; } = [];
}
