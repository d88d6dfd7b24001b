namespace Sweeps.Storage;

/// <summary>A worker process as it last reported itself, so <c>status</c> can show every box: when it
/// started, its last heartbeat, and why it is not claiming when it is not (e.g. a full disk).</summary>
public sealed class Worker
{
    public required string Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime HeartbeatAt { get; set; }
    public string? Note { get; set; }
}
