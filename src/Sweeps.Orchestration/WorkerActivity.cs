namespace Sweeps.Orchestration;

/// <summary>What this worker is doing, shared between the trial job and the idle monitor.</summary>
public sealed class WorkerActivity
{
    private int _running;
    private long _lastBusyTicks = DateTime.UtcNow.Ticks;
    private long _lastEmptyPollTicks;

    public int RunningTrials => Volatile.Read(ref _running);

    public void TrialStarted()
    {
        Interlocked.Increment(ref _running);
        Interlocked.Exchange(ref _lastBusyTicks, DateTime.UtcNow.Ticks);
    }

    public void TrialEnded()
    {
        Interlocked.Decrement(ref _running);
        Interlocked.Exchange(ref _lastBusyTicks, DateTime.UtcNow.Ticks);
    }

    public void FoundNothingToClaim() => Interlocked.Exchange(ref _lastEmptyPollTicks, DateTime.UtcNow.Ticks);

    /// <summary>True when no trial runs here and the queue was found empty after the last trial ended.</summary>
    public bool IsIdle => RunningTrials == 0 && Interlocked.Read(ref _lastEmptyPollTicks) > Interlocked.Read(ref _lastBusyTicks);
}
