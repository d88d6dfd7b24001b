using System.CommandLine;
using Sweeps.Faults;

namespace Sweeps.Cli;

/// <summary>
/// Runs a parsed command and turns whatever it throws into one line on stderr and an exit code
/// (<see cref="ExitCodes"/>). A <see cref="SweepsException"/> is shown by its message; anything else is
/// unexpected: it is written once, with its stack trace and an id, to <see cref="LogPath"/>, and the line
/// names the id and the file. Stack traces reach the terminal only when asked for (<c>--verbose</c>, or
/// Logging__LogLevel__Default=Debug).
/// </summary>
public static class CommandFailures
{
    public static async Task<int> InvokeAsync(ParseResult parsed, bool verbose)
    {
        // SIGTERM and Ctrl+C are left to the worker's host, which hands the running trial back (or, with
        // --drain, checkpoints first) however long that takes; System.CommandLine's own handling would end
        // the process 2 s after the signal.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (SweepsException fault)
        {
            Console.Error.WriteLine(fault.Message);
            if (verbose) Console.Error.WriteLine(fault);
            return ExitCodes.For(fault.Fault);
        }
        catch (Exception unexpected)
        {
            var id = Guid.NewGuid().ToString("N")[..8];
            var logged = Log(id, parsed, unexpected);
            Console.Error.WriteLine($"Unexpected error {id}: {unexpected.GetType().Name}: {unexpected.Message} "
                + (logged is null ? "(it could not be logged)." : $"(details in {logged} under {id}; --verbose shows them here)."));
            if (verbose) Console.Error.WriteLine(unexpected);
            return ExitCodes.Environment;
        }
    }

    /// <summary>~/.local/share/sweeps/errors.log (for the systemd unit's user, under /var/lib/sweeps).</summary>
    public static string LogPath => Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData,
        System.Environment.SpecialFolderOption.Create), "sweeps", "errors.log");

    private static string? Log(string id, ParseResult parsed, Exception unexpected)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
            File.AppendAllText(LogPath, $"{DateTime.UtcNow:O} error {id} in `sweeps {string.Join(' ', parsed.Tokens.Select(token => token.Value))}`:{System.Environment.NewLine}{unexpected}{System.Environment.NewLine}");
            return LogPath;
        }
        catch (Exception unwritable) when (unwritable is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
