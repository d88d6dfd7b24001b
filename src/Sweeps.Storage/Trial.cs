namespace Sweeps.Storage;

/// <summary>One configuration, trained once by whichever worker holds its lease, shared by every
/// sweep that lists it (see <see cref="SweepTrial"/>).</summary>
public sealed class Trial
{
    public int Id { get; set; }
    /// <summary>The sweep that created the trial.</summary>
    public int SweepId { get; set; }
    /// <summary>Position in the sweep that created it (its positions in other sweeps are in <see cref="Memberships"/>).</summary>
    public int Index { get; set; }
    /// <summary>The creating sweep's label for it, for logs.</summary>
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
    public List<SweepTrial> Memberships { get; set; } = [];
}
