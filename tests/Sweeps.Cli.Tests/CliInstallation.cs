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

    /// <param name="demoData">False for an installation that never reads data (the bad-input corpus): starts faster.</param>
    public CliInstallation(bool demoData = true)
    {
        Root = Directory.CreateTempSubdirectory("sweeps-cli-").FullName;
        if (demoData) DemoData.Ensure(Path.Combine(Root, "data", "demo"), new DemoDataOptions
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
    /// <summary>Environment variables on top of the installation's own; null removes one.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
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

    /// <summary>Runs the program in a pseudo-terminal (util-linux <c>script</c>), as from an operator's
    /// shell; the output is what the terminal received, escape codes included.</summary>
    public async Task<CliResult> RunInTerminalAsync(CancellationToken ct, params string[] arguments)
    {
        var command = string.Join(' ', arguments.Prepend(Program).Select(argument => $"'{argument.Replace("'", "'\\''")}'"));
        var start = StartInfo("script", ["--quiet", "--return", "--command", command, "/dev/null"]);
        start.RedirectStandardInput = true;
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start.");
        // No keyboard: script passes the end of its input on and waits for the program.
        process.StandardInput.Close();
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

    /// <summary>Starts the program without waiting, its output redirected for the caller to read.</summary>
    /// <remarks>Started through <c>env --default-signal=INT</c>: a test runner started in the background (as a
    /// CI job may be) passes an ignored SIGINT on to its children, and a program that starts with SIGINT ignored
    /// keeps ignoring Ctrl+C, as a shell's background jobs do. An operator's worker has it at its default.</remarks>
    public Process Start(string[] arguments) =>
        Process.Start(StartInfo("env", arguments.Prepend(Program).Prepend("--default-signal=INT"))) ?? throw new InvalidOperationException($"{Program} did not start.");

    private ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
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
        foreach (var (key, value) in Settings)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        return start;
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
