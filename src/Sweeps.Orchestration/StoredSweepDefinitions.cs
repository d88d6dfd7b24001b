using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>The stored sweep files, read back and expanded once per sweep for the life of the process: a
/// stored sweep never changes, and the worker asks for its definition after every scored checkpoint.</summary>
public sealed class StoredSweepDefinitions(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<int, SweepDefinition> _parsed = new();

    public async Task<SweepDefinition> GetAsync(int sweepId, CancellationToken ct)
    {
        if (_parsed.TryGetValue(sweepId, out var known)) return known;
        using var scope = scopes.CreateScope();
        var yaml = await scope.ServiceProvider.GetRequiredService<SweepCatalog>().GetYamlAsync(sweepId, ct);
        return _parsed.GetOrAdd(sweepId, SweepFile.Parse(yaml, $"sweep {sweepId}"));
    }
}
