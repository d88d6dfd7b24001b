using System.Text;
using Npgsql;
using Sweeps.Storage;

namespace Sweeps.Cli.Tests;

/// <summary><c>db migrate</c> on both providers, and <c>worker --until-idle</c> beside another worker.</summary>
public sealed class DatabaseCommandTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;
    private readonly CliInstallation _installation = new();

    [Fact]
    public async Task Db_migrate_creates_a_SQLite_database_and_then_finds_it_current()
    {
        var first = await _installation.RunAsync(Timeout, "db", "migrate");
        var second = await _installation.RunAsync(Timeout, "db", "migrate");

        Assert.True(first.ExitCode == 0, first.Output + first.Errors);
        Assert.Matches(@"^SQLite database migrated: applied [0-9]+_InitialCreate, .*_HeadlineBests; newest [0-9]+_HeadlineBests\.", first.Output);
        Assert.True(File.Exists(_installation.DatabaseFile));
        Assert.Matches(@"^SQLite database is current: [0-9]+ migration\(s\), newest [0-9]+_HeadlineBests\.", second.Output);
    }

    [SkippableFact]
    public async Task Db_migrate_creates_a_PostgreSQL_database_named_in_the_connection_string()
    {
        var server = TestPostgres.RequireServer();
        var database = ScratchPostgreSqlDatabase.NewOn(server, "sweeps_cli_");
        _installation.Settings["Sweeps__Database"] = database;
        try
        {
            var first = await _installation.RunAsync(Timeout, "db", "migrate");
            var second = await _installation.RunAsync(Timeout, "db", "migrate");

            Assert.True(first.ExitCode == 0, first.Output + first.Errors);
            Assert.StartsWith("PostgreSQL database migrated: applied ", first.Output);
            Assert.StartsWith("PostgreSQL database is current: ", second.Output);
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(Timeout);
            await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM \"Trials\"", connection);
            Assert.Equal(0L, await count.ExecuteScalarAsync(Timeout));
        }
        finally
        {
            await ScratchPostgreSqlDatabase.DropAsync(server, database, Timeout);
        }
    }

    [Fact]
    public async Task An_until_idle_worker_waits_while_another_worker_runs_a_trial_and_takes_it_over_when_that_worker_dies()
    {
        var sweep = _installation.WriteSweep("one.yaml", """
            name: one
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 12, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 5 }
              score: { bapps: demo/bapps/2afc/val }
            """);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", sweep)).ExitCode);
        _installation.Settings["Sweeps__LeaseSeconds"] = "3";
        var firstLog = new StringBuilder();
        using var first = _installation.StartCollecting(firstLog, "worker");
        while (await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints", Timeout) < 1)
            await Task.Delay(50, Timeout);

        var secondLog = new StringBuilder();
        using var second = _installation.StartCollecting(secondLog, "worker", "--until-idle");
        // Nothing is claimable for it, but a trial is running elsewhere: it must not leave.
        await Task.Delay(TimeSpan.FromSeconds(2), Timeout);
        Assert.False(second.HasExited, $"the idle worker left while a trial ran elsewhere:\n{secondLog}");

        first.Kill();
        await second.WaitForExitAsync(Timeout);

        Assert.True(second.ExitCode == 0, secondLog.ToString());
        Assert.Equal("Completed", await _installation.QueryAsync<string>("SELECT State FROM Trials", Timeout));
        Assert.Equal(2L, await _installation.QueryAsync<long>("SELECT Attempts FROM Trials", Timeout));
        Assert.Contains("Nothing left to run", secondLog.ToString());
    }

    public void Dispose() => _installation.Dispose();
}
