namespace Sweeps.Storage.Tests;

/// <summary>A clock the test moves by hand, so lease expiry needs no waiting.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
