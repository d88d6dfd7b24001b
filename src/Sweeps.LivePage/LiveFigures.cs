using System.Collections.Concurrent;

namespace Sweeps.LivePage;

/// <summary>
/// Figures and the results they are drawn from, kept until the scores change (the stamp: the newest score id and
/// the trials' best checkpoints), so every open page and every second's look at the store draws them once.
/// </summary>
public sealed class LiveFigures
{
    private readonly ConcurrentDictionary<string, (string Stamp, object Value)> _held = new();

    /// <summary>The value held under <paramref name="key"/> when it was made at <paramref name="stamp"/>, else a new one.</summary>
    public async Task<T> GetAsync<T>(string key, string stamp, Func<Task<T>> create) where T : notnull
    {
        if (_held.TryGetValue(key, out var held) && held.Stamp == stamp)
            return (T)held.Value;
        var value = await create();
        _held[key] = (stamp, value);
        return value;
    }
}
