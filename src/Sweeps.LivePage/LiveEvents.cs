using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Faults;

namespace Sweeps.LivePage;

/// <summary>
/// The page's server-sent events: every <see cref="Interval"/> the page's regions are read from the store in a
/// scope of their own, once for all the streams of the same page (<see cref="SharedReads"/>), and those whose
/// content differs from what the page shows (first: what it was served with) are sent with the keys of all, so
/// the page also drops the ones gone (the note that no sweep is stored, once one is). The page swaps them in
/// without reloading. A store that cannot be read is reported and tried again.
/// </summary>
public static class LiveEvents
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    /// <summary>How long a page waits before it connects again after losing the stream.</summary>
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);
    /// <summary>The query parameter in which a page lists the regions it shows, <c>key:hash,...</c>.</summary>
    public const string SeenParameter = "seen";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="read">The page's regions; null when what it shows no longer exists (the stream then ends).</param>
    public static async Task StreamAsync(HttpContext http, Func<LiveView, CancellationToken, Task<IReadOnlyList<LiveRegion>?>> read)
    {
        var lifetime = http.RequestServices.GetRequiredService<IHostApplicationLifetime>();
        var scopes = http.RequestServices.GetRequiredService<IServiceScopeFactory>();
        var shared = http.RequestServices.GetRequiredService<SharedReads>();
        var page = http.Request.Path.Value ?? "";
        // Open streams must not hold up the server's shutdown.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // The regions the page was served with, as it names them: not sent again while unchanged.
        var sent = http.Request.Query[SeenParameter].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(seen => seen.Split(':')).Where(pair => pair.Length == 2).DistinctBy(pair => pair[0]).ToDictionary(pair => pair[0], pair => pair[1]);
        try
        {
            // Sent at once, so the page knows it is connected before anything changes.
            await http.Response.WriteAsync($"retry: {Reconnect.TotalMilliseconds}\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var regions = await shared.ReadAsync(page, async readCt =>
                    {
                        using var scope = scopes.CreateScope();
                        return await read(scope.ServiceProvider.GetRequiredService<LiveView>(), readCt);
                    }).WaitAsync(ct);
                    if (regions is null) return;
                    var changed = regions.Where(r => !sent.TryGetValue(r.Key, out var hash) || hash != r.Hash).ToList();
                    if (changed.Count > 0 || sent.Keys.Except(regions.Select(r => r.Key)).Any())
                    {
                        await SendAsync(http, "regions", JsonSerializer.Serialize(new { Keys = regions.Select(r => r.Key), Changed = changed }, Json), ct);
                        sent.Clear();
                        foreach (var region in regions)
                            sent[region.Key] = region.Hash;
                    }
                }
                catch (SweepsException unavailable) when (unavailable.Fault == FaultKind.Environment)
                {
                    await SendAsync(http, "problem", JsonSerializer.Serialize(unavailable.Message), ct);
                }
                await Task.Delay(Interval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away or the server stops.
        }
    }

    /// <summary>One event; its data is JSON, so on one line.</summary>
    private static async Task SendAsync(HttpContext http, string name, string json, CancellationToken ct)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
