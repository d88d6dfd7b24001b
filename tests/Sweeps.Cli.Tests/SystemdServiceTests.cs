using System.CommandLine;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Tests;

/// <summary>The worker as systemd runs it: the real program reporting to a notify socket the test
/// listens on (as systemd's does for Type=notify), stopped by SIGTERM; and the shipped unit file.</summary>
public sealed partial class SystemdServiceTests : IDisposable
{
    private readonly CancellationToken Timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6)).Token;
    private static readonly string UnitFile = Path.Combine(RepositoryRoot(), "deploy", "systemd", "sweeps-worker.service");
    private readonly CliInstallation _installation = new();
    private readonly Socket _notifySocket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public SystemdServiceTests()
    {
        var path = Path.Combine(_installation.Root, "notify.sock");
        _notifySocket.Bind(new UnixDomainSocketEndPoint(path));
        _installation.Settings[SystemdServiceCollectionExtensions.NotifySocketVariable] = path;
    }

    [Fact]
    public async Task Under_a_notify_socket_the_worker_reports_ready_then_stopping_and_logs_journald_priorities()
    {
        var worker = await _installation.RunAsync(Timeout, "worker", "--until-idle");

        Assert.Equal(0, worker.ExitCode);
        Assert.Equal(["READY=1", "STOPPING=1"], ReceivedNotifications());
        // <6> is journald's "info" priority: the systemd console formatter, without timestamps of its own.
        Assert.Contains("<6>Sweeps.Orchestration.WorkerStartup", worker.Output);
    }

    [Fact]
    public async Task Without_a_notify_socket_the_worker_notifies_nothing_and_logs_plain_lines()
    {
        // Empty rather than removed, so that a socket the test run itself inherited does not reach the worker.
        _installation.Settings[SystemdServiceCollectionExtensions.NotifySocketVariable] = "";

        var worker = await _installation.RunAsync(Timeout, "worker", "--until-idle");

        Assert.Equal(0, worker.ExitCode);
        Assert.Empty(ReceivedNotifications());
        Assert.Contains("info: Sweeps.Orchestration.WorkerStartup", worker.Output);
        Assert.DoesNotContain("<6>", worker.Output);
    }

    [Fact]
    public async Task SIGTERM_as_systemctl_stop_sends_it_hands_the_running_trial_back_and_the_worker_exits_cleanly()
    {
        var sweep = _installation.WriteSweep("long.yaml", """
            name: long
            base:
              model: { family: resnet, depth: 6, width: 0.125 }
              data: { train: demo/imagenet64, val: demo/imagenet64 }
              train: { epochs: 50, batch_size: 16, learning_rate: 0.2, warmup_epochs: 0.5, seed: 5 }
              score: { bapps: demo/bapps/2afc/val }
            """);
        Assert.Equal(0, (await _installation.RunAsync(Timeout, "submit", sweep)).ExitCode);
        var log = new StringBuilder();

        using var worker = _installation.StartCollecting(log, "worker");
        try
        {
            Assert.Equal("READY=1", await NextNotificationAsync());
            while (await _installation.QueryAsync<long>("SELECT COUNT(*) FROM Checkpoints", Timeout) < 1)
            {
                Assert.False(worker.HasExited, $"the worker ended early:\n{log}");
                await Task.Delay(100, Timeout);
            }
            Assert.True(SweepsProgram.Signal(worker.Id, SweepsProgram.SigTerm));
            await worker.WaitForExitAsync(Timeout);
        }
        finally
        {
            // A failed assertion must not leave a worker training in a deleted folder.
            if (!worker.HasExited) worker.Kill();
        }

        Assert.True(worker.ExitCode == 0, $"exit code {worker.ExitCode}:\n{log}");
        Assert.Equal("STOPPING=1", await NextNotificationAsync());
        Assert.Equal("Queued", await _installation.QueryAsync<string>("SELECT State FROM Trials", Timeout));
        Assert.Contains("ended (the worker was stopped); the trial is Queued", log.ToString());
    }

    [Fact]
    public void The_unit_file_is_a_notify_service_whose_settings_are_real_options()
    {
        var directives = UnitDirectives();

        Assert.Equal(["notify"], directives["Type"]);
        Assert.Equal(["SIGTERM"], directives["KillSignal"]);
        var settingNames = directives["Environment"].SelectMany(EnvironmentAssignments)
            .Select(assignment => assignment[..assignment.IndexOf('=')])
            .Where(name => name.StartsWith(SweepsOptions.Section + "__", StringComparison.Ordinal))
            .Select(name => name[(SweepsOptions.Section.Length + 2)..])
            .ToList();
        var optionNames = typeof(SweepsOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .Select(property => property.Name);
        Assert.Contains("Database", settingNames);
        Assert.All(settingNames, name => Assert.Contains(name, optionNames));
    }

    [Fact]
    public void The_unit_file_starts_the_published_program_where_the_readme_installs_it_with_a_valid_worker_command()
    {
        var execStart = Assert.Single(UnitDirectives()["ExecStart"]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var program = execStart[0];

        // The file the build produces (the tests run the same apphost), published where the README's install step puts it.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, Path.GetFileName(program))), $"no program named {Path.GetFileName(program)}");
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains($"dotnet publish src/Sweeps.Cli/Sweeps.Cli.csproj -c Release -o {Path.GetDirectoryName(program)}", readme);
        var command = SweepsCommandLine.Create().Parse(execStart[1..]);
        Assert.Empty(command.Errors);
        Assert.Equal("worker", command.CommandResult.Command.Name);
    }

    /// <summary>Values of each directive in the unit file, in order (comments and sections dropped).</summary>
    private static Dictionary<string, List<string>> UnitDirectives() =>
        File.ReadAllLines(UnitFile)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith('['))
            .Select(line => line.Split('=', 2))
            .GroupBy(pair => pair[0], pair => pair[1])
            .ToDictionary(group => group.Key, group => group.ToList());

    /// <summary>The assignments of one Environment= value: space-separated, each possibly in double quotes (systemd.exec).</summary>
    private static IEnumerable<string> EnvironmentAssignments(string value) =>
        EnvironmentAssignment().Matches(value).Select(match => match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Value);

    [GeneratedRegex("\"(?<quoted>[^\"]*)\"|[^\\s\"]+")]
    private static partial Regex EnvironmentAssignment();

    /// <summary>The next datagram; fails after a minute (a worker starts or stops in seconds) rather
    /// than using up the time the other tests share.</summary>
    private async Task<string> NextNotificationAsync()
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Timeout);
        wait.CancelAfter(TimeSpan.FromMinutes(1));
        var buffer = new byte[4096];
        try
        {
            int length = await _notifySocket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException) when (!Timeout.IsCancellationRequested)
        {
            return "nothing within a minute";
        }
    }

    /// <summary>Everything sent to the socket so far (the program has exited, so nothing more comes).</summary>
    private List<string> ReceivedNotifications()
    {
        var messages = new List<string>();
        var buffer = new byte[4096];
        while (_notifySocket.Available > 0)
            messages.Add(Encoding.UTF8.GetString(buffer, 0, _notifySocket.Receive(buffer)));
        return messages;
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sweeps.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Sweeps.sln above {AppContext.BaseDirectory}");
    }

    public void Dispose()
    {
        _notifySocket.Dispose();
        _installation.Dispose();
    }
}
