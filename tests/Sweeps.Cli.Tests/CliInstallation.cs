using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Sweeps.Data;

namespace Sweeps.Cli.Tests;

/// <summary>
/// A throw-away installation driven through the real <c>Sweeps.Cli</c> program: its own working
/// folder (database, checkpoints, small synthetic data), settings passed as environment variables
/// exactly as an operator would.
/// </summary>
public sealed class CliInstallation : IDisposable
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "sweeps");

    public CliInstallation()
    {
        Root = Directory.CreateTempSubdirectory("sweeps-cli-").FullName;
        DemoData.Ensure(Path.Combine(Root, "data", "demo"), new DemoDataOptions
        {
            ClassCount = 4,
            TrainImagesPerClass = 48,
            ValImagesPerClass = 12,
            TripletsPerCategory = 24,
        });
    }

    private readonly List<Process> _started = [];

    public string Root { get; }
    public string DatabaseFile => Path.Combine(Root, "sweeps.db");
    public Dictionary<string, string> Settings { get; } = new()
    {
        ["Sweeps__TorchThreads"] = "1",
        ["Sweeps__PollSeconds"] = "0.2",
        ["Sweeps__LeaseSeconds"] = "60",
        ["Sweeps__EvaluationBatchSize"] = "64",
    };

    /// <summary>Writes a sweep file into the installation and returns its path.</summary>
    public string WriteSweep(string fileName, string yaml)
    {
        var path = Path.Combine(Root, fileName);
        File.WriteAllText(path, yaml);
        return path;
    }

    public async Task<CliResult> RunAsync(CancellationToken ct, params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new CliResult(process.ExitCode, await output, await errors);
    }

    /// <summary>Starts the program without waiting. Output lines are collected into <paramref name="log"/>;
    /// a process still running when the installation is disposed is killed with its children, so a
    /// failed test leaves no worker behind.</summary>
    public Process StartCollecting(StringBuilder log, params string[] arguments)
    {
        var process = Start(arguments);
        _started.Add(process);
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public async Task<T> QueryAsync<T>(string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabaseFile}");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(ct))!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Process Start(string[] arguments)
    {
        var start = new ProcessStartInfo(Program)
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["Sweeps__Database"] = $"Data Source={DatabaseFile}";
        start.Environment["Sweeps__CheckpointRoot"] = Path.Combine(Root, "checkpoints");
        start.Environment["Sweeps__PlotRoot"] = Path.Combine(Root, "plots");
        start.Environment["Sweeps__DataRoot"] = Path.Combine(Root, "data");
        foreach (var (key, value) in Settings) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"{Program} did not start.");
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a killed worker may still hold a file for a moment */ }
    }
}
