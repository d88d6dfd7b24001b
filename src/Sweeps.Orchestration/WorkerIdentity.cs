namespace Sweeps.Orchestration;

/// <summary>Names this worker process in trial leases: host and process id, unique on a cluster.</summary>
public sealed class WorkerIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
