using Sweeps.Faults;

namespace Sweeps.Orchestration;

/// <summary>A checkpoint the database records for a trial is missing or differs from its recorded SHA-256
/// on this worker. Every worker must see the same CheckpointRoot, so this is the machine's fault, not the
/// trial's: the trial is handed back untouched instead of being trained again from an older state.</summary>
public sealed class UnreadableCheckpointException(int trialId, long step, string path, string problem, string workerId)
    : SweepsException(FaultKind.Environment,
        $"Trial {trialId}: its recorded checkpoint at step {step}, {path}, {problem} on worker {workerId}; "
        + "is CheckpointRoot shared by every worker (NFS or similar)? The trial was handed back without training.")
{
    public string Path { get; } = path;
}
