namespace Sweeps.Storage;

/// <summary>A worker's last report; <paramref name="Note"/> says why it is not claiming, when it is not.</summary>
public sealed record WorkerStatus(string Id, DateTime StartedAt, DateTime HeartbeatAt, string? Note);
