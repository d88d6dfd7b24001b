using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sweeps.Storage;

namespace Sweeps.Cli.Tests;

/// <summary>Two real worker processes, as two boxes, on one PostgreSQL database and one checkpoint folder: one is
/// killed with SIGKILL mid-trial and the other finishes the sweep with the scores of a single uninterrupted worker.</summary>
public sealed class ManyBoxesTests : IAsyncDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10)).Token;
    private const int Epochs = 5;
    private readonly CliInstallation _boxes = new();
    private readonly CliInstallation _single = new();
    private string? _server;
    private string? _database;

    private const string Sweep = """
        name: two-boxes
        base:
          model: { family: resnet, depth: 6, width: 0.125 }
          data: { train: demo/imagenet64, val: demo/imagenet64 }
          train: { epochs: 5, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 7 }
          score: { bapps: demo/bapps/2afc/val }
        parameters:
          model.width: { values: [0.125, 0.25] }
          train.learning_rate: { values: [0.1, 0.2] }
        """;

    [SkippableFact]
    public async Task A_worker_killed_mid_trial_on_PostgreSQL_leaves_the_other_to_finish_with_single_worker_scores_and_no_step_trained_twice_at_once()
    {
        _server = TestPostgres.RequireServer();
        _database = ScratchPostgreSqlDatabase.NewOn(_server, "sweeps_boxes_");
        _boxes.Settings["Sweeps__Database"] = _database;
        _boxes.Settings["Sweeps__LeaseSeconds"] = "3";
        var stepLog = Path.Combine(_boxes.Root, "steps");
        _boxes.Settings["Sweeps__StepLog"] = stepLog;
        var submitted = await _boxes.RunAsync(Timeout, "submit", _boxes.WriteSweep("sweep.yaml", Sweep));
        Assert.True(submitted.ExitCode == 0, submitted.Output + submitted.Errors);

        var logA = new StringBuilder();
        var logB = new StringBuilder();
        _boxes.Settings["Sweeps__WorkerId"] = "box-a";
        using var boxA = _boxes.StartCollecting(logA, "worker");
        _boxes.Settings["Sweeps__WorkerId"] = "box-b";
        using var boxB = _boxes.StartCollecting(logB, "worker", "--until-idle");
        // Mid-trial: box A's trial has a checkpoint and at least two epochs to go.
        while (await ScalarAsync<long>($"""SELECT COUNT(*) FROM "Trials" WHERE "WorkerId" = 'box-a' AND "State" = 'Running' AND "CompletedEpochs" BETWEEN 1 AND {Epochs - 2}""") == 0)
        {
            Assert.False(boxA.HasExited, $"box A ended early:\n{logA}");
            await Task.Delay(20, Timeout);
        }
        boxA.Kill(); // SIGKILL: no hand-back; its lease must run out.
        int killedTrial = (int)await ScalarAsync<int>("""SELECT "Id" FROM "Trials" WHERE "WorkerId" = 'box-a' AND "State" = 'Running'""");
        await boxB.WaitForExitAsync(Timeout);

        Assert.True(boxB.ExitCode == 0, logB.ToString());
        Assert.Equal(4, await ScalarAsync<long>("""SELECT COUNT(*) FROM "Trials" WHERE "State" = 'Completed'"""));
        Assert.True(await ScalarAsync<int>($"""SELECT "Attempts" FROM "Trials" WHERE "Id" = {killedTrial}""") >= 2);
        // No duplicate rows: one checkpoint per epoch, every checkpoint scored once with the same number of rows.
        Assert.Equal(4L * Epochs, await ScalarAsync<long>("""SELECT COUNT(*) FROM "Checkpoints" """));
        Assert.Equal(4L * Epochs, await ScalarAsync<long>("""SELECT COUNT(DISTINCT "CheckpointId") FROM "Scores" """));
        Assert.Equal(1L, await ScalarAsync<long>("""SELECT COUNT(DISTINCT n) FROM (SELECT COUNT(*) AS n FROM "Scores" GROUP BY "CheckpointId") counts"""));

        // The same sweep on one worker, in its own installation (SQLite): bit-identical scores, 1 torch thread each.
        Assert.Equal(0, (await _single.RunAsync(Timeout, "submit", _single.WriteSweep("sweep.yaml", Sweep))).ExitCode);
        var single = await _single.RunAsync(Timeout, "worker", "--until-idle");
        Assert.True(single.ExitCode == 0, single.Output + single.Errors);
        var expected = await SingleWorkerScoresAsync();
        var actual = await TwoBoxScoresAsync();
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected, pair => Assert.True(actual.TryGetValue(pair.Key, out var value) && BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(pair.Value),
            $"{pair.Key}: {pair.Value:R} on one worker, {(actual.TryGetValue(pair.Key, out var v) ? v.ToString("R") : "missing")} on two boxes"));

        AssertNoStepTrainedByTwoWorkersAtOnce(stepLog, killedTrial);
    }

    /// <summary>Every (trial, attempt) ran on one worker, the attempts of a trial never overlap in time, every step
    /// was trained, and the killed trial was trained by both boxes.</summary>
    private static void AssertNoStepTrainedByTwoWorkersAtOnce(string folder, int killedTrial)
    {
        var steps = Directory.GetFiles(folder, "*.steps").SelectMany(File.ReadAllLines).Where(line => line.Length > 0)
            .Select(line => line.Split(' '))
            .Select(f => (Trial: int.Parse(f[0], CultureInfo.InvariantCulture), Attempt: int.Parse(f[1], CultureInfo.InvariantCulture),
                Step: long.Parse(f[2], CultureInfo.InvariantCulture), Worker: f[3],
                Start: long.Parse(f[4], CultureInfo.InvariantCulture), End: long.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var trial in steps.GroupBy(s => s.Trial))
        {
            var attempts = trial.GroupBy(s => s.Attempt)
                .Select(attempt => (Attempt: attempt.Key, Workers: attempt.Select(s => s.Worker).Distinct().ToList(), Start: attempt.Min(s => s.Start), End: attempt.Max(s => s.End)))
                .OrderBy(a => a.Start).ToList();
            Assert.All(attempts, a => Assert.Single(a.Workers));
            for (int i = 1; i < attempts.Count; i++)
                Assert.True(attempts[i - 1].End <= attempts[i].Start,
                    $"trial {trial.Key}: attempt {attempts[i - 1].Attempt} ({attempts[i - 1].Workers[0]}) trained until {attempts[i - 1].End}, after attempt {attempts[i].Attempt} ({attempts[i].Workers[0]}) started at {attempts[i].Start}");
            long total = trial.Max(s => s.Step);
            Assert.Equal(Enumerable.Range(1, (int)total).Select(i => (long)i), trial.Select(s => s.Step).Distinct().Order());
        }
        Assert.Equal(4, steps.Select(s => s.Trial).Distinct().Count());
        Assert.Equal(["box-a", "box-b"], steps.Where(s => s.Trial == killedTrial).Select(s => s.Worker).Distinct().Order());
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Timeout);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(Timeout))!, typeof(T), CultureInfo.InvariantCulture);
    }

    private const string ScoresByKey = """
        SELECT t."Label", c."Step", s."Metric", s."Function", s."Layer", s."Category", s."Value"
        FROM "Scores" s JOIN "Checkpoints" c ON c."Id" = s."CheckpointId" JOIN "Trials" t ON t."Id" = c."TrialId"
        """;

    private async Task<Dictionary<string, double>> TwoBoxScoresAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Timeout);
        await using var command = new NpgsqlCommand(ScoresByKey, connection);
        return await ReadScoresAsync(await command.ExecuteReaderAsync(Timeout));
    }

    private async Task<Dictionary<string, double>> SingleWorkerScoresAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_single.DatabaseFile}");
        await connection.OpenAsync(Timeout);
        await using var command = connection.CreateCommand();
        command.CommandText = ScoresByKey;
        return await ReadScoresAsync(await command.ExecuteReaderAsync(Timeout));
    }

    private async Task<Dictionary<string, double>> ReadScoresAsync(System.Data.Common.DbDataReader reader)
    {
        await using var rows = reader;
        var scores = new Dictionary<string, double>();
        while (await rows.ReadAsync(Timeout))
            scores.Add($"{rows.GetString(0)} step {rows.GetInt64(1)} {rows.GetString(2)}/{rows.GetString(3)}/{rows.GetString(4)}/{rows.GetString(5)}", rows.GetDouble(6));
        return scores;
    }

    public async ValueTask DisposeAsync()
    {
        _boxes.Dispose();
        _single.Dispose();
        if (_database is null) return;
        await ScratchPostgreSqlDatabase.DropAsync(_server!, _database);
    }
}
