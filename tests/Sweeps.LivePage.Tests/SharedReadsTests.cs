using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Sweeps.Storage.Tests;

namespace Sweeps.LivePage.Tests;

/// <summary>Many viewers of one page cost one read a second: the streams' shared reads on a clock moved by hand.</summary>
public sealed class SharedReadsTests
{
    private readonly ManualClock _clock = new();
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly Dictionary<string, int> _reads = [];

    private Func<CancellationToken, Task<IReadOnlyList<LiveRegion>?>> Reader(string page) => _ =>
    {
        int n;
        lock (_reads) n = _reads[page] = _reads.GetValueOrDefault(page) + 1;
        return Task.FromResult<IReadOnlyList<LiveRegion>?>([LiveRegion.Of(page, $"read {n}\n")]);
    };

    [Fact]
    public async Task Streams_of_one_page_within_a_second_share_one_read_and_the_next_second_reads_again()
    {
        var shared = new SharedReads(_clock, _lifetime);

        var first = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => shared.ReadAsync("/events", Reader("/events"))));
        _clock.Advance(LiveEvents.Interval - TimeSpan.FromMilliseconds(1));
        var stillFirst = await shared.ReadAsync("/events", Reader("/events"));
        var otherPage = await shared.ReadAsync("/sweeps/1/trials/2/events", Reader("/sweeps/1/trials/2/events"));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await shared.ReadAsync("/events", Reader("/events"));

        Assert.All(first.Append(stillFirst), regions => Assert.Equal("read 1", Inner(regions)));
        Assert.Equal("read 1", Inner(otherPage));
        Assert.Equal("read 2", Inner(second));
        Assert.Equal(2, _reads["/events"]);
        Assert.Equal(1, _reads["/sweeps/1/trials/2/events"]);
    }

    [Fact]
    public async Task A_read_runs_until_the_server_stops_whichever_viewer_started_it()
    {
        var shared = new SharedReads(_clock, _lifetime);
        var started = new TaskCompletionSource<CancellationToken>();
        var read = shared.ReadAsync("/events", async ct =>
        {
            started.SetResult(ct);
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });

        var token = await started.Task;
        Assert.False(token.IsCancellationRequested);
        _lifetime.StopApplication();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    private static string Inner(IReadOnlyList<LiveRegion>? regions) =>
        Assert.Single(regions!).Html.Split('\n')[1];
}
