using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Sweeps.Storage.Tests;

/// <summary>A fresh database of one provider, registered the way the application does it: a SQLite file in
/// a fresh temp folder, or a database of its own on the PostgreSQL server named by
/// <c>SWEEPS_TEST_POSTGRES</c> (which ./test starts). Every Open... call is its own scope, so its own
/// context and connection.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "sweeps-storage-" + Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider services;
    private readonly List<IServiceScope> scopes = [];

    private TempDatabase(DatabaseProvider provider, string relativeFile)
    {
        Provider = provider;
        FilePath = Path.Combine(folder, relativeFile);
        ConnectionString = provider switch
        {
            DatabaseProvider.Sqlite => $"Data Source={FilePath}",
            // Created by the first migration, like the SQLite file.
            _ => ScratchPostgreSqlDatabase.NewOn(Server(provider), "sweeps_test_"),
        };
        services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSweepsStorage(ConnectionString)
            .BuildServiceProvider();
    }

    public DatabaseProvider Provider { get; }
    public ManualClock Clock { get; } = new();
    /// <summary>The SQLite file (unused on PostgreSQL).</summary>
    public string FilePath { get; }
    public string ConnectionString { get; }

    /// <summary>Registers the database without creating it.</summary>
    public static TempDatabase Unmigrated(DatabaseProvider provider, string relativeFile = "sweeps.db") => new(provider, relativeFile);

    public static async Task<TempDatabase> MigratedAsync(DatabaseProvider provider)
    {
        var database = new TempDatabase(provider, "sweeps.db");
        await database.OpenDatabase().MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>The server's own connection string; skips the test when there is no server.</summary>
    private static string Server(DatabaseProvider provider)
    {
        Skip.If(TestPostgres.Server is null, $"The {provider} variant {TestPostgres.SkipReason}.");
        return TestPostgres.Server!;
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
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            return;
        }
        await ScratchPostgreSqlDatabase.DropAsync(Server(Provider), ConnectionString);
    }
}
