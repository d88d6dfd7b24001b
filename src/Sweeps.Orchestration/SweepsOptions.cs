using System.ComponentModel.DataAnnotations;

namespace Sweeps.Orchestration;

/// <summary>Settings of a Sweeps installation (section "Sweeps" of appsettings.json). Relative paths
/// resolve against the current directory. Each setting's type and range are declared here once;
/// <see cref="SweepsOptionsValidator"/> checks them, and what the paths and the device must be, when a
/// command starts.</summary>
public sealed class SweepsOptions
{
    public const string Section = "Sweeps";

    /// <summary>EF Core connection string of the SQLite database.</summary>
    [Required]
    public string Database { get; set; } = "Data Source=.sweeps/sweeps.db";
    [Required]
    public string CheckpointRoot { get; set; } = ".sweeps/checkpoints";
    [Required]
    public string PlotRoot { get; set; } = ".sweeps/plots";
    /// <summary>Data paths in trial configurations that are relative resolve against this folder.</summary>
    [Required]
    public string DataRoot { get; set; } = ".sweeps/data";
    /// <summary>Device for commands that run a model outside a trial (bench, score).</summary>
    [Required]
    public string Device { get; set; } = "cpu";
    /// <summary>Torch intra-op threads; 0 = the machine's cores divided among concurrent trials.</summary>
    [Range(0, 1024)]
    public int TorchThreads { get; set; }
    /// <summary>Trials this worker trains at once.</summary>
    [Range(1, 256)]
    public int WorkerConcurrency { get; set; } = 1;
    /// <summary>How long a claimed trial stays reserved for this worker without a renewal.</summary>
    [Range(1, 86400)]
    public int LeaseSeconds { get; set; } = 120;
    /// <summary>How often a running trial renews its lease, reports progress and looks for a request
    /// (an operator's cancel or pause, an early stop) (at most a third of LeaseSeconds).</summary>
    [Range(0.01, 3600)]
    public double HeartbeatSeconds { get; set; } = 2;
    /// <summary>How often the worker looks for queued trials.</summary>
    [Range(0.01, 3600)]
    public double PollSeconds { get; set; } = 2;
    [Range(1, 65536)]
    public int EvaluationBatchSize { get; set; } = 256;
    /// <summary>Below this much free space on CheckpointRoot's filesystem the worker claims nothing and a
    /// running trial waits before writing its next checkpoint; both go on once space returns.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeDiskMegabytes { get; set; } = 1024;
    /// <summary>Failed attempts in a row, none recording a checkpoint, after which a trial is ended (Failed,
    /// or Diverged when its loss kept diverging); each retry resumes from the newest checkpoint. Interruptions
    /// from outside never count. Bad data or configuration fails at once.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 3;
    /// <summary>Train each trial in a child process of the worker, so that everything the trial
    /// allocated (GPU memory above all) is returned when it ends.</summary>
    public bool TrialInChildProcess { get; set; }
    /// <summary>Names this worker in leases; empty = host:pid. A trial's child process runs under its parent's id.</summary>
    public string WorkerId { get; set; } = "";
    /// <summary>PostgreSQL only: how often this worker's node of the Quartz cluster records that it is alive.</summary>
    public double ClusterCheckinSeconds { get; set; } = 10;
    /// <summary>PostgreSQL only: how long past a missed check-in the other nodes wait before they declare this one
    /// dead and take over its cluster-wide jobs. Above the worst pause of a busy box (a long garbage collection,
    /// a checkpoint written to a slow share), so that a busy node is not declared dead.</summary>
    public double ClusterCheckinMisfireSeconds { get; set; } = 60;
    /// <summary>How often the cluster's early-stopping job judges every running trial of a sweep with an
    /// early_terminate rule against the stored histories (once across the cluster on PostgreSQL).</summary>
    [Range(0.01, 86400)]
    public double EarlyStoppingSeconds { get; set; } = 10;
    /// <summary>A folder into which every worker process appends one line per trained step (trial, attempt, step,
    /// worker, start and end in UTC ticks), to check across boxes that no step is ever trained by two workers at
    /// once. Empty: no step log.</summary>
    public string StepLog { get; set; } = "";

    public string ResolveData(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(DataRoot, path));

    public int EffectiveTorchThreads =>
        TorchThreads > 0 ? TorchThreads : Math.Max(1, Environment.ProcessorCount / Math.Max(1, WorkerConcurrency));
}
