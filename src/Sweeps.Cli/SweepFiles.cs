using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sweeps.Orchestration;
using Sweeps.Spec;

namespace Sweeps.Cli;

/// <summary>Loads sweep files for the commands, checking data paths against this installation's data root.</summary>
public static class SweepFiles
{
    /// <summary>The sweep, or null after printing every problem of the file to stderr.
    /// <paramref name="checkData"/> false skips the data-path checks (planning on a machine without the data).</summary>
    public static SweepDefinition? TryLoad(FileInfo file, IServiceProvider services, bool checkData = true)
    {
        var options = services.GetRequiredService<IOptions<SweepsOptions>>().Value;
        try
        {
            return SweepFile.Load(file.FullName, checkData ? Validation(options) : null);
        }
        catch (SweepSpecException invalid)
        {
            Console.Error.WriteLine(invalid.Message);
            if (invalid.Errors.Any(e => e.Message.StartsWith("data path", StringComparison.Ordinal)))
                Console.Error.WriteLine($"(relative data paths resolve against the DataRoot setting: {Path.GetFullPath(options.DataRoot)})");
            return null;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(unreadable.Message);
            return null;
        }
    }

    private static SweepValidation Validation(SweepsOptions options) => new()
    {
        DataPathExists = path => Directory.Exists(options.ResolveData(path)) || File.Exists(options.ResolveData(path)),
        DeviceProblem = Sweeps.Training.TrainingDevice.Problem,
    };
}
