using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary><c>bench queue</c>: claims per second, claim latency and double claims of concurrent workers draining
/// fake trials, on SQLite and (given a server) PostgreSQL. Prints figures; not a test.</summary>
public static class BenchQueueCommand
{
    public static Command Create()
    {
        var workers = new Option<int>("--workers") { Description = "Concurrent workers", DefaultValueFactory = _ => 8 };
        var trials = new Option<int>("--trials") { Description = "Fake trials to claim, record and complete", DefaultValueFactory = _ => 2000 };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Connection string of a PostgreSQL server to measure on too (a scratch database is created and dropped); default: SWEEPS_TEST_POSTGRES",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SWEEPS_TEST_POSTGRES"),
        };
        var command = new Command("queue", "Claim throughput and latency of concurrent workers on fake trials, on SQLite and PostgreSQL")
        {
            workers, trials, postgres,
        };
        command.SetAction(async (result, ct) =>
        {
            int workerCount = result.GetValue(workers), trialCount = result.GetValue(trials);
            var server = result.GetValue(postgres);
            var table = new Table().AddColumns("provider", "claims", "wall s", "claims/s", "p50 claim ms", "p99 claim ms", "double claims", "completed after 1 attempt");
            var measured = new List<QueueBenchmarkResult>();
            foreach (var provider in Enum.GetValues<DatabaseProvider>())
            {
                if (provider == DatabaseProvider.PostgreSql && string.IsNullOrEmpty(server))
                {
                    AnsiConsole.WriteLine("PostgreSQL skipped: give --postgres Host=...;Username=... (or set SWEEPS_TEST_POSTGRES).");
                    continue;
                }
                var figures = await QueueBenchmark.RunAsync(provider, server, workerCount, trialCount, ct);
                measured.Add(figures);
                table.AddRow(figures.Provider, Number(figures.Claims), figures.Wall.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
                    figures.ClaimsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                    figures.P50Milliseconds.ToString("F2", CultureInfo.InvariantCulture), figures.P99Milliseconds.ToString("F2", CultureInfo.InvariantCulture),
                    Number(figures.DoubleClaims), $"{figures.Completed} of {figures.Trials}");
            }
            AnsiConsole.WriteLine($"{workerCount} concurrent workers in this process, each unit of work on its own connection; "
                + $"{trialCount} fake trials claimed, recorded (one checkpoint row) and completed");
            AnsiConsole.Write(table);
            return measured.All(m => m.DoubleClaims == 0 && m.Completed == m.Trials) ? 0 : 1;
        });
        return command;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
