using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sweeps.Storage;

namespace Sweeps.Orchestration.Tests;

/// <summary>On PostgreSQL the workers form a Quartz cluster (AdoJobStore, clustered, schema provisioned by Quartz)
/// whose one trigger sends a dead worker's trial back to the queue, while no worker claims anything.</summary>
public sealed class ClusterTests : IAsyncDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly WorkerWorkspace _workspace = new();
    private string? _server;
    private string? _database;

    [SkippableFact]
    public async Task Two_workers_form_one_cluster_that_requeues_a_dead_workers_trial_once_without_claiming_it()
    {
        _server = TestPostgres.RequireServer();
        _database = ScratchPostgreSqlDatabase.NewOn(_server, "sweeps_cluster_");
        _workspace.Settings["Sweeps:Database"] = _database;
        _workspace.Settings["Sweeps:LeaseSeconds"] = "4";
        _workspace.Settings["Sweeps:ClusterCheckinSeconds"] = "1";
        _workspace.Settings["Sweeps:ClusterCheckinMisfireSeconds"] = "10";
        // No worker claims anything (the disk guard holds claims back): only the cluster job can requeue the trial.
        _workspace.Settings["Sweeps:MinFreeDiskMegabytes"] = "999999999";
        var sweep = await _workspace.SubmitAsync("""
            name: cluster
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 1, batch_size: 16, learning_rate: 0.2, seed: 3 }
              score: { bapps: demo/bapps/2afc/val }
            """, Timeout);
        using (var dead = _workspace.CreateWorker(untilIdle: true))
        using (var scope = dead.Services.CreateScope())
            Assert.NotNull(await scope.ServiceProvider.GetRequiredService<TrialQueue>().ClaimNextAsync("dead-box", TimeSpan.FromSeconds(1), 3, Timeout));

        using var nodeA = _workspace.CreateWorker(untilIdle: false, workerId: "node-a");
        using var nodeB = _workspace.CreateWorker(untilIdle: false, workerId: "node-b");
        await nodeA.StartAsync(Timeout);
        await nodeB.StartAsync(Timeout);
        Trial trial;
        while ((trial = await _workspace.QueryDbAsync(db => db.Trials.AsNoTracking().SingleAsync(Timeout))).State != TrialState.Queued)
            await Task.Delay(100, Timeout);
        // Both nodes checked in to one cluster, which holds one trigger for the job.
        while (await ScalarAsync("SELECT COUNT(*) FROM qrtz_scheduler_state") < 2)
            await Task.Delay(100, Timeout);
        Assert.Equal(1, await ScalarAsync("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'expired-leases'"));
        await nodeA.StopAsync(Timeout);
        await nodeB.StopAsync(Timeout);

        // Concluded once as a death before any checkpoint: one failed attempt, back in the queue, nobody's.
        Assert.Equal((1, 1, 0, null), (trial.Attempts, trial.FailedAttempts, trial.Interruptions, trial.WorkerId));
        Assert.Contains("the worker dead-box running attempt 1 stopped renewing its lease", trial.Error);
        Assert.Equal(sweep.Id, trial.SweepId);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Timeout);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Timeout));
    }

    public async ValueTask DisposeAsync()
    {
        _workspace.Dispose();
        if (_database is null) return;
        await ScratchPostgreSqlDatabase.DropAsync(_server!, _database);
    }
}
