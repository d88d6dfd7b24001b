using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Sweeps.Storage;

/// <summary>What <see cref="QueueBenchmark"/> measured on one provider.</summary>
/// <param name="DoubleClaims">Claims of a trial beyond its first (target 0).</param>
/// <param name="Completed">Trials Completed after exactly one attempt, as every trial should be.</param>
public sealed record QueueBenchmarkResult(
    string Provider, int Workers, int Trials, int Claims, TimeSpan Wall, double P50Milliseconds, double P99Milliseconds, int DoubleClaims, int Completed)
{
    public double ClaimsPerSecond => Claims / Wall.TotalSeconds;
}

/// <summary>
/// The queue alone under contention: concurrent workers (each unit of work with its own context and connection,
/// as in a worker process) drain a sweep of fake trials that are only claimed, given one checkpoint record and
/// completed, through the real <see cref="TrialQueue"/> and <see cref="ResultStore"/>. Runs on a scratch
/// database that it removes afterwards.
/// </summary>
public static class QueueBenchmark
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <param name="postgresServer">For PostgreSQL: a connection string to the server, on which a scratch database is made.</param>
    public static async Task<QueueBenchmarkResult> RunAsync(DatabaseProvider provider, string? postgresServer, int workers, int trials, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("sweeps-bench-queue-").FullName;
        var connection = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(folder, "queue.db")}"
            : ScratchPostgreSqlDatabase.NewOn(postgresServer!, "sweeps_bench_queue_");
        try
        {
            return await MeasureAsync(provider, connection, workers, trials, ct);
        }
        finally
        {
            await RemoveAsync(provider, connection, postgresServer, folder);
        }
    }

    private static async Task<QueueBenchmarkResult> MeasureAsync(DatabaseProvider provider, string connection, int workers, int trials, CancellationToken ct)
    {
        await using var services = new ServiceCollection().AddSweepsStorage(connection).BuildServiceProvider();
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepsDatabase>().MigrateAsync(ct);
            var fakes = Enumerable.Range(0, trials).Select(i => new NewTrial($"fake={i}", $$"""{"fake":{{i}}}""", $"fake-{i}")).ToList();
            await scope.ServiceProvider.GetRequiredService<SweepCatalog>().AddSweepAsync("bench-queue", "name: bench-queue\n", fakes, force: false, ct);
        }

        var claims = new ConcurrentBag<int>();
        var latencies = new ConcurrentBag<double>();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(services, $"bench-{w}", claims, latencies, ct), ct)));
        wall.Stop();

        using var check = services.CreateScope();
        int completed = await check.ServiceProvider.GetRequiredService<SweepsDbContext>().Trials
            .CountAsync(t => t.State == TrialState.Completed && t.Attempts == 1, ct);
        var sorted = latencies.Order().ToArray();
        return new QueueBenchmarkResult(provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL", workers, trials, claims.Count, wall.Elapsed,
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), claims.GroupBy(id => id).Sum(group => group.Count() - 1), completed);
    }

    /// <summary>One worker: claim, record, complete, until nothing is left to claim. Successful claims are timed.</summary>
    private static async Task WorkAsync(IServiceProvider services, string workerId, ConcurrentBag<int> claims, ConcurrentBag<double> latencies, CancellationToken ct)
    {
        while (true)
        {
            using var scope = services.CreateScope();
            var queue = scope.ServiceProvider.GetRequiredService<TrialQueue>();
            var started = Stopwatch.GetTimestamp();
            var trial = await queue.ClaimNextAsync(workerId, Lease, maxAttempts: 3, ct);
            if (trial is null) return;
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            claims.Add(trial.Id);
            await scope.ServiceProvider.GetRequiredService<ResultStore>().RecordCheckpointAsync(trial.Claim,
                new NewCheckpoint(1, 1, 1, $"/bench/trial-{trial.Id:D6}/step-000000001-a0001.ckpt", "00"), ct);
            await queue.EndAttemptAsync(trial.Claim, new AttemptEnd.Completed(), maxAttempts: 3, ct);
        }
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static async Task RemoveAsync(DatabaseProvider provider, string connection, string? postgresServer, string folder)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            await ScratchPostgreSqlDatabase.DropAsync(postgresServer!, connection);
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
