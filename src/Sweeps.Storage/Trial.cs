namespace Sweeps.Storage;

/// <summary>One configuration, trained once by whichever worker holds its lease, shared by every
/// sweep that lists it (see <see cref="SweepTrial"/>). Its state changes only through <see cref="TrialQueue"/>,
/// by the rules of <see cref="TrialLifecycle"/>.</summary>
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
    /// <summary>Higher is claimed first: the highest priority of the sweeps that list it.</summary>
    public int Priority { get; set; }
    /// <summary>Claims so far. The current claim's number is its fencing token: every write a worker makes
    /// for the trial carries it and is refused once a newer claim exists.</summary>
    public int Attempts { get; set; }
    /// <summary>Attempts that ended from outside (a stopped or killed worker, a full disk) after making progress.</summary>
    public int Interruptions { get; set; }
    /// <summary>Attempts that failed: an error, a divergence, or a process that died before its first checkpoint.</summary>
    public int FailedAttempts { get; set; }
    /// <summary>Failed attempts since the last one that recorded a checkpoint; the trial fails at MaxAttempts.</summary>
    public int ConsecutiveFailures { get; set; }
    /// <summary>The attempt that recorded the newest checkpoint (0: none yet).</summary>
    public int ProgressAttempt { get; set; }
    public OperatorRequest? Request { get; set; }
    /// <summary>Why <see cref="Request"/> was made: for a stop, the early-stopping rule's reason, which becomes
    /// the trial's error when it stops. Set and cleared with the request.</summary>
    public string? RequestReason { get; set; }
    /// <summary>The checkpoint best by the creating sweep's metric (PS when it names none): shown where one
    /// value per trial is shown, and never deleted by the keep policy.</summary>
    public int? BestCheckpointId { get; set; }
    /// <summary>The highest top-1 over the trial's scored checkpoints, set by <see cref="ResultStore.RecordScoresAsync"/>
    /// from the stored rows: the trial table's column, read without aggregating every score (the live page reads it each second).</summary>
    public double? BestTop1 { get; set; }
    /// <summary>The highest headline PS (<see cref="HeadlineScores.IsPs"/>) over the trial's scored checkpoints, kept as <see cref="BestTop1"/>.</summary>
    public double? BestPs { get; set; }
    public string? Error { get; set; }
    public string? WorkerId { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public DateTime? HeartbeatAt { get; set; }
    /// <summary>Optimiser steps done and in all, as last reported by the worker.</summary>
    public long Step { get; set; }
    public long TotalSteps { get; set; }
    public double? ImagesPerSecond { get; set; }
    public string? LogPath { get; set; }
    public int CompletedEpochs { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public List<Checkpoint> Checkpoints { get; set; } = [];
    public List<SweepTrial> Memberships { get; set; } = [];
}
