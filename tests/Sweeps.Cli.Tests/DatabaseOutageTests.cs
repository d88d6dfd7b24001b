using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Sweeps.Storage;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Tests;

/// <summary>A running worker whose PostgreSQL database stops taking connections, and takes them again.</summary>
public sealed class DatabaseOutageTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;
    private readonly CliInstallation _installation = new(demoData: false);

    [SkippableFact]
    public async Task A_worker_that_loses_its_database_says_so_once_backs_off_and_claims_again_when_it_returns()
    {
        var server = TestPostgres.RequireServer();
        var database = ScratchPostgreSqlDatabase.NewOn(server, "sweeps_outage_");
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        _installation.Settings["Sweeps__Database"] = new NpgsqlConnectionStringBuilder(database) { Password = "hunter2" }.ConnectionString;
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync(Timeout);
        try
        {
            Assert.Equal(0, (await _installation.RunAsync(Timeout, "db", "migrate")).ExitCode);
            var log = new StringBuilder();
            using var worker = _installation.StartCollecting(log, "worker");
            await WaitForAsync(log, "Worker ready");

            await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            await WaitForAsync(log, "The database cannot be reached");
            await Task.Delay(TimeSpan.FromSeconds(4), Timeout);
            await ExecuteAsync(admin, $"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true");
            await WaitForAsync(log, "The database answers again; claiming trials");
            Assert.True(SweepsProgram.Signal(worker.Id, SweepsProgram.SigTerm));
            await worker.WaitForExitAsync(Timeout);

            var text = log.ToString();
            Assert.True(worker.ExitCode == 0, text);
            Assert.Equal(1, Regex.Count(text, "The database cannot be reached"));
            Assert.Contains($"is not currently accepting connections", text);
            Assert.Contains("Password=***", text);
            Assert.DoesNotContain("hunter2", text);
            Assert.DoesNotMatch(new Regex(@"^\s+at [^\s(]+\(", RegexOptions.Multiline), text);
        }
        finally
        {
            await ScratchPostgreSqlDatabase.DropAsync(server, database, Timeout);
        }
    }

    private async Task WaitForAsync(StringBuilder log, string text)
    {
        while (true)
        {
            lock (log)
                if (log.ToString().Contains(text, StringComparison.Ordinal)) return;
            await Task.Delay(100, Timeout);
        }
    }

    private async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Timeout);
    }

    public void Dispose() => _installation.Dispose();
}
