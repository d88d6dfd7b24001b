using System.Text;

namespace Sweeps.Cli.Tests;

/// <summary>The worker as a real process: killed without warning, restarted, and run with a child
/// process per trial.</summary>
public sealed class WorkerProcessTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6)).Token;
    private readonly CliInstallation _installation = new();

    private string SubmitOneTrial(int epochs)
    {
        var file = _installation.WriteSweep("one.yaml", $$"""
            name: one
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: {{epochs}}, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 5 }
              score: { bapps: demo/bapps/2afc/val }
            """);
        return file;
    }

    [Fact]
    public async Task A_worker_killed_mid_trial_is_taken_over_after_its_lease_expires_and_the_trial_resumes()
    {
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", SubmitOneTrial(epochs: 6))).ExitCode);
        _installation.Settings["Sweeps__LeaseSeconds"] = "3";
        var firstLog = new StringBuilder();

        using (var doomed = _installation.StartCollecting(firstLog, "worker"))
        {
            while (await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints", Timeout) < 2)
            {
                Assert.False(doomed.HasExited, $"the worker ended early:\n{firstLog}");
                await Task.Delay(100, Timeout);
            }
            doomed.Kill(); // SIGKILL: no chance to hand the trial back.
            await doomed.WaitForExitAsync(Timeout);
        }
        long checkpointsAtKill = await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints", Timeout);
        Assert.Equal("Running", await _installation.QueryAsync<string>("SELECT State FROM Trials", Timeout));
        // Until the dead worker's lease runs out the trial is not claimable, and an --until-idle worker would find nothing to do.
        await Task.Delay(TimeSpan.FromSeconds(3.5), Timeout);

        var rescue = await _installation.RunAsync(Timeout, "worker", "--until-idle");

        Assert.Equal(0, rescue.ExitCode);
        Assert.Contains($"resumes after", rescue.Output + rescue.Errors);
        Assert.Equal("Completed", await _installation.QueryAsync<string>("SELECT State FROM Trials", Timeout));
        Assert.Equal(2, await _installation.QueryAsync<long>("SELECT Attempts FROM Trials", Timeout));
        Assert.Equal(6, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints", Timeout));
        Assert.True(checkpointsAtKill >= 2);
        // Every checkpoint carries its scores exactly once, including those scored after the restart.
        Assert.Equal(1, await _installation.QueryAsync<long>(
            "SELECT COUNT(DISTINCT n) FROM (SELECT COUNT(*) AS n FROM Scores GROUP BY CheckpointId)", Timeout));
        Assert.Equal(6, await _installation.QueryAsync<long>("SELECT COUNT(DISTINCT CheckpointId) FROM Scores", Timeout));
    }

    [Fact]
    public async Task With_a_child_process_per_trial_the_worker_completes_the_trial_and_exits_when_idle()
    {
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", SubmitOneTrial(epochs: 2))).ExitCode);
        _installation.Settings["Sweeps__TrialInChildProcess"] = "true";

        var worker = await _installation.RunAsync(Timeout, "worker", "--until-idle");

        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("runs in child process", worker.Output + worker.Errors);
        Assert.Equal("Completed", await _installation.QueryAsync<string>("SELECT State FROM Trials", Timeout));
        Assert.Equal(1, await _installation.QueryAsync<long>("SELECT Attempts FROM Trials", Timeout));
        Assert.Equal(2, await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints", Timeout));
    }

    public void Dispose() => _installation.Dispose();
}
