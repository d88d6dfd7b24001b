using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Tests;

/// <summary>
/// One case of the bad-input corpus (tests/Sweeps.Spec.Tests/BadInputs/*.case, described in that folder's
/// README.md): how to set up an installation, the command to run, and exactly what it must print on stderr
/// and the exit code it must end with.
/// </summary>
public sealed class BadInputCase
{
    private readonly List<string> _setup = [];

    public required string Name { get; init; }
    public string Arguments { get; private set; } = "";
    public int? ExitCode { get; private set; }
    public List<string> Errors { get; } = [];
    public List<string> OutputLines { get; } = [];
    public (int Signal, string After)? Signal { get; private set; }
    public bool NeedsPostgres { get; private set; }
    public bool HoldsLock { get; private set; }

    public static BadInputCase Parse(string name, IEnumerable<string> lines)
    {
        var parsed = new BadInputCase { Name = name };
        string? file = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("| ", StringComparison.Ordinal) || line == "|")
            {
                if (file is null) throw new FormatException($"{name}: a '|' line outside a file");
                parsed._setup.Add(line);
                continue;
            }
            file = null;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var (directive, rest) = line.IndexOf(' ') is var space and > 0 ? (line[..space], line[(space + 1)..]) : (line, "");
            switch (directive)
            {
                case "env" or "unset" or "folder" or "sweeps" or "sql":
                    parsed._setup.Add(line);
                    break;
                case "file":
                    parsed._setup.Add(line);
                    file = rest;
                    break;
                case "needs" when rest == "postgres":
                    parsed.NeedsPostgres = true;
                    break;
                case "hold-lock":
                    parsed.HoldsLock = true;
                    break;
                case "run":
                    parsed.Arguments = rest;
                    break;
                case "signal":
                    var parts = rest.Split(" after ", 2);
                    parsed.Signal = (parts[0] switch { "SIGINT" => SweepsProgram.SigInt, "SIGTERM" => SweepsProgram.SigTerm, _ => throw new FormatException($"{name}: signal {parts[0]}") }, parts[1]);
                    break;
                case "exit":
                    parsed.ExitCode = int.Parse(rest, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "stderr":
                    parsed.Errors.Add(rest);
                    break;
                case "stdout":
                    parsed.OutputLines.Add(rest);
                    break;
                default:
                    throw new FormatException($"{name}: unknown directive '{directive}'");
            }
        }
        if (parsed.Arguments.Length == 0 || parsed.ExitCode is null || parsed.Errors.Count + parsed.OutputLines.Count == 0)
            throw new FormatException($"{name}: a case needs 'run', 'exit' and at least one 'stderr' or 'stdout' line");
        return parsed;
    }

    /// <summary>Sets up a fresh installation, runs the case in it and returns what the program printed
    /// beside what it should have printed (with the installation's paths and ports filled in).</summary>
    public async Task<BadInputOutcome> RunAsync(CancellationToken ct)
    {
        using var installation = new CliInstallation(demoData: false);
        var values = Placeholders(installation);
        string? file = null;
        var content = new StringBuilder();
        foreach (var step in _setup.Append("end"))
        {
            if (step.StartsWith('|'))
            {
                content.AppendLine(Expand(step.Length > 2 ? step[2..] : "", values));
                continue;
            }
            if (file is not null)
            {
                File.WriteAllText(Path.Combine(installation.Root, file), content.ToString());
                (file, content) = (null, new StringBuilder());
            }
            var (directive, rest) = step.IndexOf(' ') is var space and > 0 ? (step[..space], Expand(step[(space + 1)..], values)) : (step, "");
            switch (directive)
            {
                case "env":
                    var equals = rest.IndexOf('=');
                    installation.Settings[rest[..equals]] = rest[(equals + 1)..];
                    break;
                case "unset":
                    installation.Settings[rest] = null;
                    break;
                case "folder":
                    Directory.CreateDirectory(Path.Combine(installation.Root, rest));
                    break;
                case "file":
                    file = rest;
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(installation.Root, rest))!);
                    break;
                case "sweeps":
                    var setup = await installation.RunAsync(ct, Words(rest));
                    if (setup.ExitCode != 0) throw new InvalidOperationException($"{Name}: setup 'sweeps {rest}' exited with {setup.ExitCode}:\n{setup.Output}{setup.Errors}");
                    break;
                case "sql":
                    await using (var connection = new SqliteConnection($"Data Source={installation.DatabaseFile};Pooling=False"))
                    {
                        await connection.OpenAsync(ct);
                        await using var command = connection.CreateCommand();
                        command.CommandText = rest;
                        await command.ExecuteNonQueryAsync(ct);
                    }
                    break;
            }
        }
        await using var holder = HoldsLock ? await LockAsync(installation.DatabaseFile, ct) : null;
        var result = await RunAsync(installation, Words(Expand(Arguments, values)), ct);
        return new BadInputOutcome(result, Errors.Select(line => Expand(line, values)).ToList(), OutputLines.Select(line => Expand(line, values)).ToList());
    }

    private async Task<CliResult> RunAsync(CliInstallation installation, string[] arguments, CancellationToken ct)
    {
        using var process = installation.Start(arguments);
        var output = new StringBuilder();
        var errors = new StringBuilder();
        var signalled = new TaskCompletionSource();
        void Watch(StringBuilder into, string? line)
        {
            if (line is null) return;
            lock (into) into.AppendLine(line);
            if (Signal is { } signal && line.Contains(signal.After, StringComparison.Ordinal) && signalled.TrySetResult())
                SweepsProgram.Signal(process.Id, signal.Signal);
        }
        process.OutputDataReceived += (_, e) => Watch(output, e.Data);
        process.ErrorDataReceived += (_, e) => Watch(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        return new CliResult(process.ExitCode, output.ToString(), errors.ToString());
    }

    /// <summary>Another process's write lock on the database, as a long transaction holds it.</summary>
    private static async Task<SqliteConnection> LockAsync(string databaseFile, CancellationToken ct)
    {
        var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
        await connection.OpenAsync(ct);
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        await begin.ExecuteNonQueryAsync(ct);
        return connection;
    }

    private static Dictionary<string, string> Placeholders(CliInstallation installation) => new()
    {
        ["{root}"] = installation.Root,
        ["{postgres}"] = TestPostgres.Server ?? "",
        ["{postgres-host}"] = PostgresKeys()?.Host ?? "",
        ["{postgres-port}"] = PostgresKeys()?.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["{closed-port}"] = ClosedPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Npgsql.NpgsqlConnectionStringBuilder? PostgresKeys() =>
        TestPostgres.Server is { } server ? new(server) : null;

    /// <summary>A loopback port nothing listens on: bound once, then released.</summary>
    private static readonly Lazy<int> ClosedPort = new(() =>
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    });

    private static string Expand(string text, Dictionary<string, string> values) =>
        values.Aggregate(text, (expanded, value) => expanded.Replace(value.Key, value.Value, StringComparison.Ordinal));

    private static string[] Words(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

public sealed record BadInputOutcome(CliResult Result, IReadOnlyList<string> ExpectedErrors, IReadOnlyList<string> ExpectedOutputLines);
