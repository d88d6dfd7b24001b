using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Sweeps.Storage.Tests;

/// <summary>A migrated SQLite file in a fresh temp folder, registered the way the application does it.
/// Every Open... call is its own scope, so its own context and connection.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweeps-storage-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider services;
    private readonly List<IServiceScope> scopes = [];

    private TempDatabase(string relativeFile)
    {
        FilePath = Path.Combine(folder, relativeFile);
        ConnectionString = $"Data Source={FilePath}";
        services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSweepsStorage(ConnectionString)
            .BuildServiceProvider();
    }

    public ManualClock Clock { get; } = new();
    public string FilePath { get; }
    public string ConnectionString { get; }

    /// <summary>Registers the database without touching the file.</summary>
    public static TempDatabase Unmigrated(string relativeFile = "sweeps.db") => new(relativeFile);

    public static async Task<TempDatabase> MigratedAsync()
    {
        var database = new TempDatabase("sweeps.db");
        await database.OpenDatabase().MigrateAsync(CancellationToken.None);
        return database;
    }

    public SweepsDatabase OpenDatabase() => OpenScope().GetRequiredService<SweepsDatabase>();
    public SweepCatalog OpenCatalog() => OpenScope().GetRequiredService<SweepCatalog>();
    public TrialQueue OpenQueue() => OpenScope().GetRequiredService<TrialQueue>();
    public ResultStore OpenResults() => OpenScope().GetRequiredService<ResultStore>();
    public WorkerRegistry OpenRegistry() => OpenScope().GetRequiredService<WorkerRegistry>();

    /// <summary>Claims every queued trial for <paramref name="worker"/>, by trial id.</summary>
    public async Task<Dictionary<int, TrialClaim>> ClaimAllAsync(string worker = "worker")
    {
        var queue = OpenQueue();
        var claims = new Dictionary<int, TrialClaim>();
        while (await queue.ClaimNextAsync(worker, TimeSpan.FromMinutes(10), maxAttempts: 3, CancellationToken.None) is { } claimed)
            claims.Add(claimed.Id, claimed.Claim);
        return claims;
    }

    public SweepsDbContext OpenContext() => OpenScope().GetRequiredService<SweepsDbContext>();

    private IServiceProvider OpenScope()
    {
        var scope = services.CreateScope();
        scopes.Add(scope);
        return scope.ServiceProvider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in scopes)
            scope.Dispose();
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
