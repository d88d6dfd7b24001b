using Microsoft.Extensions.Hosting;

namespace Sweeps.LivePage;

/// <summary>
/// The latest read of each page's regions, shared by every event stream that asks for the same page within
/// <see cref="LiveEvents.Interval"/>: many viewers of one study cost the store one read a second, not one each.
/// The read runs to the server's shutdown, not a viewer's: a page closed mid-read does not fail the others' read.
/// </summary>
public sealed class SharedReads(TimeProvider clock, IHostApplicationLifetime lifetime)
{
    /// <summary>Reads older than this many intervals are forgotten when another is made (pages nobody watches).</summary>
    private const int Forget = 10;
    private readonly Dictionary<string, (DateTimeOffset At, Task<IReadOnlyList<LiveRegion>?> Regions)> _latest = [];

    /// <summary>The regions read for <paramref name="page"/> within the last interval, else a new read.</summary>
    public Task<IReadOnlyList<LiveRegion>?> ReadAsync(string page, Func<CancellationToken, Task<IReadOnlyList<LiveRegion>?>> read)
    {
        var now = clock.GetUtcNow();
        lock (_latest)
        {
            if (_latest.TryGetValue(page, out var latest) && now - latest.At < LiveEvents.Interval)
                return latest.Regions;
            foreach (var unwatched in _latest.Where(entry => now - entry.Value.At > Forget * LiveEvents.Interval).Select(entry => entry.Key).ToList())
                _latest.Remove(unwatched);
            var regions = Task.Run(() => read(lifetime.ApplicationStopping));
            _latest[page] = (now, regions);
            return regions;
        }
    }
}
