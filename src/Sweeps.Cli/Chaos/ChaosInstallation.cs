using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Data;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Chaos;

/// <summary>One throw-away installation of <c>bench chaos</c>: its database, checkpoints, small synthetic
/// data and sweep file in one folder, and this program run against it as an operator would, with
/// settings in environment variables.</summary>
public sealed class ChaosInstallation : IAsyncDisposable
{
    private readonly ChaosSettings _settings;
    private readonly ServiceProvider _services;
    private readonly Lock _logGate = new();

    public ChaosInstallation(string folder, ChaosSettings settings)
    {
        Folder = folder;
        _settings = settings;
        Directory.CreateDirectory(folder);
        DemoData.Ensure(Path.Combine(folder, "data", "demo"), new DemoDataOptions
        {
            ClassCount = 4, TrainImagesPerClass = 48, ValImagesPerClass = 12, TripletsPerCategory = 24,
        });
        File.WriteAllText(SweepFile, $$"""
            name: chaos
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: {{settings.Epochs}}, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5 }
              checkpoint: { every_steps: {{settings.EverySteps}} }
              score: { bapps: demo/bapps/2afc/val }
            parameters:
              train.seed: { values: [{{string.Join(", ", Enumerable.Range(1, settings.Trials))}}] }
            """);
        _services = new ServiceCollection().AddSweepsStorage(Database).BuildServiceProvider();
    }

    public string Folder { get; }
    public string SweepFile => Path.Combine(Folder, "chaos.yaml");
    public string Database => $"Data Source={Path.Combine(Folder, "sweeps.db")}";
    public string WorkerLog => Path.Combine(Folder, "worker.log");

    /// <summary>Runs this program to its end, output appended to <see cref="WorkerLog"/>; throws on a non-zero exit.</summary>
    public async Task RunAsync(CancellationToken ct, params string[] arguments)
    {
        using var process = Start(SweepsProgram.StartInfo(arguments));
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`sweeps {string.Join(' ', arguments)}` exited with code {process.ExitCode}; see {WorkerLog}.");
    }

    /// <summary>Starts a worker leading its own process group, so a kill reaches its trial's child process too.</summary>
    public Process StartWorkerGroup(params string[] arguments) => Start(SweepsProgram.GroupLeaderStartInfo(["worker", .. arguments]));

    public async Task<T> QueryAsync<T>(Func<SweepsDbContext, Task<T>> query)
    {
        using var scope = _services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<SweepsDbContext>());
    }

    /// <summary>The newest checkpoint record's id (0: none yet).</summary>
    public async Task<int> NewestCheckpointAsync(CancellationToken ct) =>
        await QueryAsync(db => db.Checkpoints.MaxAsync(c => (int?)c.Id, ct)) ?? 0;

    private Process Start(ProcessStartInfo start)
    {
        start.Environment["Sweeps__Database"] = Database;
        start.Environment["Sweeps__CheckpointRoot"] = Path.Combine(Folder, "checkpoints");
        start.Environment["Sweeps__DataRoot"] = Path.Combine(Folder, "data");
        start.Environment["Sweeps__PlotRoot"] = Path.Combine(Folder, "plots");
        start.Environment["Sweeps__WorkerId"] = "chaos-box";
        start.Environment["Sweeps__TorchThreads"] = "1";
        start.Environment["Sweeps__PollSeconds"] = "0.2";
        start.Environment["Sweeps__HeartbeatSeconds"] = "0.5";
        start.Environment["Sweeps__EvaluationBatchSize"] = "64";
        start.Environment["Sweeps__TrialInChildProcess"] = _settings.ChildProcesses ? "true" : "false";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        void Append(object _, DataReceivedEventArgs line)
        {
            if (line.Data is null) return;
            lock (_logGate) File.AppendAllText(WorkerLog, line.Data + Environment.NewLine);
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
