using Microsoft.Extensions.Options;

namespace Sweeps.Orchestration;

/// <summary>Names this worker process in trial leases: host and process id, unique on a cluster,
/// unless the WorkerId setting names it (a trial's child process takes its parent's).</summary>
public sealed class WorkerIdentity(IOptions<SweepsOptions> options)
{
    public string Id { get; } = options.Value.WorkerId.Length > 0
        ? options.Value.WorkerId
        : $"{Environment.MachineName}:{Environment.ProcessId}";
}
