using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Sweeps.Orchestration;

/// <summary>This program as a child process (a trial's process, a benchmark's worker), and signals to
/// processes and process groups.</summary>
public static partial class SweepsProgram
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Starts this program with <paramref name="arguments"/>, output redirected for the caller to read.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var program = Environment.ProcessPath ?? throw new InvalidOperationException("This program's executable path is unknown.");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Started as `dotnet Sweeps.Cli.dll`: the child needs the program's assembly too.
        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("This program's entry assembly is unknown."));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }

    /// <summary>As <see cref="StartInfo"/>, in a new session and process group led by the child
    /// (<c>setsid</c>), so that <see cref="SignalGroup"/> reaches it and every process it starts.</summary>
    public static ProcessStartInfo GroupLeaderStartInfo(IEnumerable<string> arguments)
    {
        var inner = StartInfo(arguments);
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(inner.FileName);
        foreach (var argument in inner.ArgumentList) start.ArgumentList.Add(argument);
        return start;
    }

    /// <returns>False when the signal could not be sent (the process is gone).</returns>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>Signals every process of the group led by <paramref name="leaderPid"/>.</summary>
    public static bool SignalGroup(int leaderPid, int signal) => Kill(-leaderPid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
