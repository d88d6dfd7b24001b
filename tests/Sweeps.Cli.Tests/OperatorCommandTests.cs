using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Sweeps.Data;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Tests;

/// <summary>cancel, pause, resume, retry, status --json, logs and priorities, typed while a real worker runs.</summary>
public sealed class OperatorCommandTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token;
    /// <summary>"Within a few seconds" with room for a loaded 2-core machine.</summary>
    private static readonly TimeSpan FewSeconds = TimeSpan.FromSeconds(15);
    private readonly CliInstallation _installation = new();
    private readonly StringBuilder _workerLog = new();

    public OperatorCommandTests() => _installation.Settings["Sweeps__HeartbeatSeconds"] = "0.5";

    private string Sweep(string name, int trials, int epochs, string train = "demo/imagenet64") => _installation.WriteSweep($"{name}.yaml", $$"""
        name: {{name}}
        base:
          model: { family: resnet, depth: 6, width: 0.125 }
          data: { train: {{train}}, val: demo/imagenet64 }
          train: { epochs: {{epochs}}, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5 }
          score: { bapps: demo/bapps/2afc/val }
        parameters:
          train.seed: { values: [{{string.Join(", ", Enumerable.Range(1, trials))}}] }
        """);

    /// <summary>Training data for epochs of 150 steps, so that a request or a signal mostly finds the worker
    /// training mid-epoch rather than scoring.</summary>
    private void UseLargeData() => DemoData.Ensure(Path.Combine(_installation.Root, "data", "large"), new DemoDataOptions
    {
        ClassCount = 4, TrainImagesPerClass = 600, ValImagesPerClass = 12, TripletsPerCategory = 24,
    });

    private async Task<CliResult> RunAsync(params string[] arguments)
    {
        var result = await _installation.RunAsync(Timeout, arguments);
        Assert.True(result.ExitCode == 0, $"sweeps {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}{result.Errors}");
        return result;
    }

    private void AssertSaid(CliResult result, string expected) =>
        Assert.True(result.Output.Contains(expected, StringComparison.Ordinal), $"expected \"{expected}\" in:\n{result.Output}{result.Errors}\nworker:\n{_workerLog}");

    private async Task<T> WaitForAsync<T>(string sql, Func<T, bool> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await _installation.QueryAsync<T>(sql, Timeout);
            if (done(value)) return value;
            Assert.True(clock.Elapsed < within, $"{what} not within {within.TotalSeconds} s (last: {value}); worker:\n{_workerLog}");
            await Task.Delay(100, Timeout);
        }
    }

    private Task<long> WaitForCheckpointsAsync(int trialId, long count) =>
        WaitForAsync<long>($"SELECT COUNT(*) FROM Checkpoints WHERE TrialId = {trialId} AND Scheduled = 1", n => n >= count, TimeSpan.FromMinutes(2), $"{count} checkpoint(s)");

    [Fact]
    public async Task Cancel_stops_a_running_trial_at_a_checkpoint_within_seconds_and_retry_continues_it_from_there_to_the_end()
    {
        UseLargeData();
        await RunAsync("submit", Sweep("one", trials: 1, epochs: 6, train: "large/imagenet64"));
        using var worker = _installation.StartCollecting(_workerLog, "worker");
        await WaitForCheckpointsAsync(1, 1);

        var cancel = await RunAsync("cancel", "--trial", "1");
        var asked = Stopwatch.StartNew();
        Assert.Contains("trial 1 (train.seed=1): running; its worker will cancel it at the next step boundary, after a checkpoint", cancel.Output);
        await WaitForAsync<string>("SELECT State FROM Trials", state => state == "Cancelled", FewSeconds, "cancelled");
        var stoppedAfter = asked.Elapsed;
        long stopStep = await _installation.QueryAsync<long>("SELECT MAX(Step) FROM Checkpoints", Timeout);
        // Mid-epoch the worker takes a checkpoint where it stops; while scoring it stops at the one just taken.
        bool midEpoch = stopStep % 150 != 0;
        Assert.Equal(midEpoch ? 0L : 1L, await _installation.QueryAsync<long>($"SELECT Scheduled FROM Checkpoints WHERE Step = {stopStep}", Timeout));
        Assert.True(stoppedAfter < FewSeconds, $"took {stoppedAfter}");

        var retry = await RunAsync("retry", "--trial", "1");
        Assert.Contains("trial 1 (train.seed=1): now Queued", retry.Output);
        await WaitForAsync<string>("SELECT State FROM Trials", state => state == "Completed", TimeSpan.FromMinutes(3), "completed");
        worker.Kill();

        var log = (await RunAsync("logs", "--trial", "1")).Output;
        Assert.Contains($"[attempt 1] Trial 1 reached step {stopStep} of 900", log);
        Assert.Equal(midEpoch, log.Contains("unscheduled checkpoint to stop at"));
        Assert.Contains("attempt 1 ended (Cancel as the operator asked); the trial is Cancelled", log);
        Assert.Contains($"[attempt 2] Trial 1 resumes after step {stopStep}", log);
        Assert.Contains("attempt 2 ended (every step trained); the trial is Completed", log);
        Assert.Equal(6L, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints WHERE Scheduled = 1", Timeout));
        if (midEpoch)
        {
            // The stopping point was not scored, and its file went once a newer checkpoint existed.
            Assert.Equal(0L, await _installation.QueryAsync<long>($"SELECT COUNT(*) FROM Scores s JOIN Checkpoints c ON c.Id = s.CheckpointId WHERE c.Step = {stopStep}", Timeout));
            Assert.False(File.Exists(await _installation.QueryAsync<string>($"SELECT Path FROM Checkpoints WHERE Step = {stopStep}", Timeout)));
        }
    }

    [Fact]
    public async Task With_drain_SIGTERM_lets_the_running_trial_reach_its_next_scheduled_checkpoint_and_scores_it_before_handing_it_back()
    {
        UseLargeData();
        await RunAsync("submit", Sweep("drained", trials: 1, epochs: 6, train: "large/imagenet64"));
        using var worker = _installation.StartCollecting(_workerLog, "worker", "--drain");
        await WaitForCheckpointsAsync(1, 1);
        await Task.Delay(TimeSpan.FromSeconds(0.5), Timeout);
        long stepAtSignal = await _installation.QueryAsync<long>("SELECT Step FROM Trials", Timeout);

        Assert.True(SweepsProgram.Signal(worker.Id, SweepsProgram.SigTerm));
        await worker.WaitForExitAsync(Timeout);

        Assert.True(worker.ExitCode == 0, $"exit code {worker.ExitCode}:\n{_workerLog}");
        Assert.Equal("Queued", await _installation.QueryAsync<string>("SELECT State FROM Trials", Timeout));
        Assert.Equal(1L, await _installation.QueryAsync<long>("SELECT Interruptions FROM Trials", Timeout));
        Assert.Equal(0L, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints WHERE Scheduled = 0", Timeout));
        long newest = await _installation.QueryAsync<long>("SELECT MAX(Step) FROM Checkpoints", Timeout);
        Assert.True(newest >= stepAtSignal && newest % 150 == 0, $"newest checkpoint at step {newest}, signal at step {stepAtSignal}");
        Assert.True(await _installation.QueryAsync<long>($"SELECT COUNT(*) FROM Scores s JOIN Checkpoints c ON c.Id = s.CheckpointId WHERE c.Step = {newest}", Timeout) > 0);
        Assert.Contains("attempt 1 ended (the worker was stopped (drained at a scheduled checkpoint)); the trial is Queued", _workerLog.ToString());
    }

    [Fact]
    public async Task Pause_holds_a_whole_sweep_running_trial_included_and_resume_lets_the_worker_finish_it()
    {
        await RunAsync("submit", Sweep("two", trials: 2, epochs: 30));
        using var worker = _installation.StartCollecting(_workerLog, "worker");
        await WaitForCheckpointsAsync(1, 1);

        var pause = await RunAsync("pause", "two");
        // Failed once in CI-like runs with the output cut short; the whole output and worker log tell why.
        AssertSaid(pause, "trial 1 (train.seed=1): running; its worker will pause it");
        AssertSaid(pause, "trial 2 (train.seed=2): now Paused");
        await WaitForAsync<long>("SELECT COUNT(*) FROM Trials WHERE State = 'Paused'", n => n == 2, FewSeconds, "both paused");
        // Paused trials are not claimed by a worker that keeps polling.
        await Task.Delay(TimeSpan.FromSeconds(2), Timeout);
        Assert.Equal(2L, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Trials WHERE State = 'Paused'", Timeout));

        var resume = await RunAsync("resume", "two");
        Assert.Contains("trial 1 (train.seed=1): now Queued", resume.Output);
        await WaitForAsync<long>("SELECT COUNT(*) FROM Trials WHERE State = 'Completed'", n => n == 2, TimeSpan.FromMinutes(3), "both completed");
        worker.Kill();
        // A pause is not an interruption.
        Assert.Equal(2L, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Trials WHERE Interruptions = 0", Timeout));
    }

    [Fact]
    public async Task Status_json_shows_a_running_trials_worker_progress_speed_and_ETA_and_refusals_exit_with_1()
    {
        await RunAsync("submit", Sweep("watched", trials: 1, epochs: 40));
        using var running = _installation.StartCollecting(_workerLog, "worker");
        await WaitForCheckpointsAsync(1, 2);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Timeout);

        var json = JsonDocument.Parse((await RunAsync("status", "watched", "--json")).Output).RootElement;
        var sweep = json.GetProperty("sweeps")[0];
        var trial = sweep.GetProperty("trials")[0];
        Assert.Equal("watched", sweep.GetProperty("name").GetString());
        Assert.True(sweep.GetProperty("synthetic_data").GetBoolean());
        var worker = Assert.Single(json.GetProperty("workers").EnumerateArray());
        Assert.Equal(trial.GetProperty("worker").GetString(), worker.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, worker.GetProperty("note").ValueKind);
        Assert.Equal("Running", trial.GetProperty("state").GetString());
        Assert.StartsWith(Environment.MachineName + ":", trial.GetProperty("worker").GetString());
        Assert.Equal(40 * 12, trial.GetProperty("total_steps").GetInt64());
        Assert.InRange(trial.GetProperty("step").GetInt64(), 24, 40 * 12);
        Assert.True(trial.GetProperty("images_per_second").GetDouble() > 0);
        Assert.True(trial.GetProperty("eta_seconds").GetDouble() > 0);
        Assert.InRange(DateTime.UtcNow - trial.GetProperty("heartbeat_at").GetDateTime().ToUniversalTime(), TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.EndsWith(Path.Combine("trial-000001", "trial.log"), trial.GetProperty("log").GetString());
        Assert.Equal(1, trial.GetProperty("attempts").GetInt32());

        var table = (await RunAsync("status", "watched")).Output;
        Assert.Matches(@"[0-9]+/480 steps, [0-9]+ img/s, ETA [0-9]:[0-9]{2}:[0-9]{2}", table);
        Assert.Matches(@"Worker [^ ]+: heartbeat [0-9]+ s ago, running since", table);
        running.Kill();

        var refused = await _installation.RunAsync(Timeout, "resume", "watched");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("trial 1 (train.seed=1): Trial 1 is Running; it cannot resume (allowed from: Paused).", refused.Output);
        Assert.Equal(1, (await _installation.RunAsync(Timeout, "cancel", "--trial", "99")).ExitCode);
        Assert.Equal(1, (await _installation.RunAsync(Timeout, "logs", "--trial", "99")).ExitCode);
    }

    [Fact]
    public async Task A_sweep_submitted_with_a_higher_priority_is_trained_first()
    {
        await RunAsync("submit", Sweep("background", trials: 2, epochs: 1));
        var urgent = Sweep("urgent", trials: 1, epochs: 1);
        File.WriteAllText(urgent, File.ReadAllText(urgent).Replace("values: [1]", "values: [9]"));
        await RunAsync("submit", urgent, "--priority", "5");

        await RunAsync("worker", "--until-idle");

        var order = await _installation.QueryAsync<string>(
            "SELECT group_concat(Label || '@' || SweepId, ' ') FROM (SELECT Label, SweepId FROM Trials ORDER BY StartedAt)", Timeout);
        Assert.Equal("train.seed=9@2 train.seed=1@1 train.seed=2@1", order);
    }

    public void Dispose() => _installation.Dispose();
}
