using System.Text.RegularExpressions;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Tests;

/// <summary><c>worker</c>'s live progress lines: their text, and the real program in a terminal and with
/// its output redirected.</summary>
public sealed partial class WorkerProgressDisplayTests : IDisposable
{
    private const string KeypadApplicationMode = "\u001b[?1h\u001b=";
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token;
    private readonly CliInstallation _installation = new();

    public WorkerProgressDisplayTests()
    {
        _installation.Settings["Sweeps__HeartbeatSeconds"] = "0.5";
        // Empty rather than removed, so that a socket the test run itself inherited does not reach the worker.
        _installation.Settings[SystemdServiceCollectionExtensions.NotifySocketVariable] = "";
    }

    [Fact]
    public void Each_running_trial_gets_a_line_with_label_attempt_steps_percent_speed_and_time_left()
    {
        RunningTrialLine Line(int id, string label, int attempt, long step, long total, double? speed, TimeSpan? remaining) =>
            new(new RunningTrial(id, label, attempt, step, total, speed, "{}"), remaining);

        var lines = WorkerProgressDisplay.Lines([
            // 1800 steps left of batch 64 at 512 img/s: 225 s.
            Line(3, "model.depth=6 model.width=0.25", 2, 1200, 3000, 512.4, TimeSpan.FromSeconds(225)),
            Line(4, "train.seed=1", 1, 7, 480, null, null),
            Line(5, "train.seed=2", 1, 479, 480, 99.6, TimeSpan.FromSeconds(0.64)),
            Line(6, "train.seed=3", 1, 0, 0, null, null),
        ]);

        Assert.Equal([
            "trial 3 (model.depth=6 model.width=0.25), attempt 2: 1200/3000 steps (40%), 512 img/s, ETA 0:03:45",
            "trial 4 (train.seed=1), attempt 1: 7/480 steps (1%)",
            "trial 5 (train.seed=2), attempt 1: 479/480 steps (99%), 100 img/s, ETA 0:00:00",
            "trial 6 (train.seed=3), attempt 1: starting",
        ], lines);
    }

    private string Sweep() => _installation.WriteSweep("watched.yaml", """
        name: watched
        base:
          model: { family: resnet, depth: 6, width: 0.125 }
          data: { train: demo/imagenet64, val: demo/imagenet64 }
          train: { epochs: 20, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5 }
          score: { bapps: demo/bapps/2afc/val }
        parameters:
          train.seed: { values: [1] }
        """);

    [Fact]
    public async Task In_a_terminal_the_worker_keeps_a_live_line_for_its_trial_below_log_lines_that_stay_whole()
    {
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", Sweep())).ExitCode);

        var worker = await _installation.RunInTerminalAsync(Timeout, "worker", "--until-idle");

        var screen = worker.Output;
        Assert.True(worker.ExitCode == 0, $"exit code {worker.ExitCode}:\n{screen}{worker.Errors}");
        Assert.Matches(ProgressLine(), screen);
        // Whatever follows a block starts by erasing it, and the last one was erased too: the terminal is
        // left with log lines only.
        Assert.DoesNotMatch(BlockLeftStanding(), screen);
        Assert.Equal(Block().Count(screen), Erase().Count(screen));
        // .NET itself switches a terminal's keypad to application mode when it starts (any command does).
        var text = Colour().Replace(Erase().Replace(Block().Replace(screen.Replace(KeypadApplicationMode, ""), ""), ""), "");
        Assert.DoesNotContain('\u001b', text);
        var logLines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(logLines, line => Assert.Matches(LogLine(), line));
        Assert.Single(logLines, line => line.Contains("Worker ready: 1 torch thread(s), 1 trial(s) at once"));
        Assert.Single(logLines, line => line.Contains("Trial 1 (train.seed=1): attempt 1 starts on"));
        Assert.Single(logLines, line => line.Contains("Trial 1 reached step 240 of 240 (epoch 20, loss"));
        Assert.Single(logLines, line => line.Contains("Trial 1: attempt 1 ended (every step trained); the trial is Completed"));
        Assert.Single(logLines, line => line.Contains("Nothing left to run; stopping"));
    }

    [Fact]
    public async Task With_output_redirected_the_worker_writes_plain_log_lines_only()
    {
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", Sweep())).ExitCode);

        var worker = await _installation.RunAsync(Timeout, "worker", "--until-idle");

        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("Trial 1: attempt 1 ended (every step trained); the trial is Completed", worker.Output);
        Assert.DoesNotContain('\u001b', worker.Output + worker.Errors);
        Assert.DoesNotContain("img/s", worker.Output);
    }

    [GeneratedRegex(@"trial 1 \(train\.seed=1\), attempt 1: [0-9]+/240 steps \([0-9]+%\), [0-9]+ img/s, ETA [0-9]:[0-9]{2}:[0-9]{2}\r\n")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"\u001b\[\?7l.*?\u001b\[\?7h", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"\r\u001b\[[0-9]+A\u001b\[J")]
    private static partial Regex Erase();

    [GeneratedRegex(@"\u001b\[\?7h(?!\r\u001b\[[0-9]+A\u001b\[J)")]
    private static partial Regex BlockLeftStanding();

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Colour();

    /// <summary>SimpleConsole's single line: time, level, category and event id, then the message.</summary>
    [GeneratedRegex(@"^[0-9]{2}:[0-9]{2}:[0-9]{2} (trce|dbug|info|warn|fail|crit): [A-Za-z.]+\[[0-9]+\] ")]
    private static partial Regex LogLine();

    public void Dispose() => _installation.Dispose();
}
