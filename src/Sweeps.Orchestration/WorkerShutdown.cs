namespace Sweeps.Orchestration;

/// <summary>What stopping the worker (SIGTERM, Ctrl+C) does to a running trial: by default it is handed
/// back at once at its last checkpoint; with <see cref="Drain"/> (<c>worker --drain</c>) it first trains
/// to its next scheduled checkpoint and stores its scores.</summary>
public sealed record WorkerShutdown(bool Drain);
