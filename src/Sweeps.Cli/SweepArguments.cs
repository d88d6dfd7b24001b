using Sweeps.Storage;

namespace Sweeps.Cli;

/// <summary>Sweeps named on the command line by id or name.</summary>
public static class SweepArguments
{
    /// <summary>The sweeps in the order given; null, after saying which on standard error, when one is unknown.</summary>
    public static async Task<IReadOnlyList<SweepRecord>?> FindAsync(SweepCatalog catalog, IEnumerable<string> idsOrNames, CancellationToken ct)
    {
        var records = new List<SweepRecord>();
        foreach (var name in idsOrNames)
        {
            if (await catalog.FindSweepAsync(name, ct) is not { } record)
            {
                Console.Error.WriteLine($"No sweep with id or name '{name}'.");
                return null;
            }
            records.Add(record);
        }
        return records;
    }
}
