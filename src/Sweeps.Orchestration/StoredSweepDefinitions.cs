using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>The stored sweep files and their trials' configurations, read back and parsed once per sweep for the
/// life of the process: a stored sweep and the trials it lists never change, the worker asks for its definition
/// after every scored checkpoint, and the live page for its trials' configurations every second.</summary>
public sealed class StoredSweepDefinitions(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<int, SweepDefinition> _parsed = new();
    private readonly ConcurrentDictionary<int, IReadOnlyList<TrialConfig>> _trialConfigs = new();

    /// <summary>The configurations of the sweep's trials, in the sweep's order.</summary>
    public async Task<IReadOnlyList<TrialConfig>> GetTrialConfigsAsync(int sweepId, CancellationToken ct)
    {
        if (_trialConfigs.TryGetValue(sweepId, out var known)) return known;
        using var scope = scopes.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<SweepCatalog>().GetTrialConfigsAsync(sweepId, ct);
        return _trialConfigs.GetOrAdd(sweepId, stored.Select(TrialConfig.FromJson).ToList());
    }

    public async Task<SweepDefinition> GetAsync(int sweepId, CancellationToken ct)
    {
        if (_parsed.TryGetValue(sweepId, out var known)) return known;
        using var scope = scopes.CreateScope();
        var yaml = await scope.ServiceProvider.GetRequiredService<SweepCatalog>().GetYamlAsync(sweepId, ct);
        return _parsed.GetOrAdd(sweepId, SweepFile.Parse(yaml, $"sweep {sweepId}"));
    }
}
