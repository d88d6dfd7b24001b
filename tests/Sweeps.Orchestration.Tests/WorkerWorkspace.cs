using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sweeps.Data;
using Sweeps.Spec;
using Sweeps.Storage;

namespace Sweeps.Orchestration.Tests;

/// <summary>A throw-away installation: its own SQLite file, checkpoint folder and small synthetic
/// data, and real worker hosts (Quartz, EF Core, TorchSharp) started against it.</summary>
public sealed class WorkerWorkspace : IDisposable
{
    public WorkerWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("sweeps-worker-").FullName;
        DemoData.Ensure(Path.Combine(Root, "data", "demo"), SmallDemoData);
    }

    /// <summary>Small enough that an epoch of a 1/8-width ResNet-6 takes a fraction of a second.</summary>
    public static readonly DemoDataOptions SmallDemoData = new()
    {
        ClassCount = 4,
        TrainImagesPerClass = 48,
        ValImagesPerClass = 12,
        TripletsPerCategory = 24,
    };

    public string Root { get; }
    /// <summary>Top-1, top-5 and loss, then PS and distortion sensitivity (LPIPS, the default function) for 4
    /// stages and the ensemble, each per category, mean and weighted mean.</summary>
    public int ScoreRowsPerCheckpoint => 3 + 2 * 5 * (BappsCategories + 2);

    public string BappsFolder => Path.Combine(Root, "data", "demo", "bapps", "2afc", "val");
    public int BappsCategories => Directory.GetDirectories(BappsFolder).Length;

    public string Database => $"Data Source={Path.Combine(Root, "sweeps.db")}";

    /// <summary>Settings every worker of this workspace gets on top of the defaults below (e.g. "Sweeps:CheckpointRoot").</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public IHost CreateWorker(bool untilIdle, int leaseSeconds = 60, string workerId = "", double heartbeatSeconds = 2)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Root });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sweeps:Database"] = Database,
            ["Sweeps:CheckpointRoot"] = Path.Combine(Root, "checkpoints"),
            ["Sweeps:DataRoot"] = Path.Combine(Root, "data"),
            ["Sweeps:TorchThreads"] = "1",
            ["Sweeps:LeaseSeconds"] = leaseSeconds.ToString(),
            ["Sweeps:PollSeconds"] = "0.2",
            ["Sweeps:EvaluationBatchSize"] = "64",
            ["Sweeps:WorkerId"] = workerId,
            ["Sweeps:HeartbeatSeconds"] = heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSweepsWorker(builder.Configuration, untilIdle);
        return builder.Build();
    }

    public async Task<SweepRecord> SubmitAsync(string yaml, CancellationToken ct)
    {
        var sweep = SweepFile.Parse(yaml, "test.yaml");
        using var host = CreateWorker(untilIdle: true);
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SweepsDatabase>().MigrateAsync(ct);
        return await scope.ServiceProvider.GetRequiredService<SweepQueue>().SubmitAsync(sweep, force: false, ct);
    }

    public async Task RunUntilIdleAsync(CancellationToken ct, string workerId = "")
    {
        using var host = CreateWorker(untilIdle: true, workerId: workerId);
        await host.RunAsync(ct);
    }

    public async Task<IReadOnlyList<TrialStatus>> TrialsAsync(int sweepId, CancellationToken ct)
    {
        using var host = CreateWorker(untilIdle: true);
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SweepCatalog>().GetTrialStatusesAsync(sweepId, ct);
    }

    public async Task<IReadOnlyList<CheckpointRecord>> CheckpointsAsync(int trialId, CancellationToken ct)
    {
        using var host = CreateWorker(untilIdle: true);
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResultStore>().GetCheckpointsAsync(trialId, ct);
    }

    public async Task<T> QueryDbAsync<T>(Func<SweepsDbContext, Task<T>> query)
    {
        using var host = CreateWorker(untilIdle: true);
        using var scope = host.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<SweepsDbContext>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
