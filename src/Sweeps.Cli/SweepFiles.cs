using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sweeps.Orchestration;
using Sweeps.Spec;

namespace Sweeps.Cli;

/// <summary>Loads sweep files for the commands, checking data paths against this installation's data root.</summary>
public static class SweepFiles
{
    /// <summary>The sweep, or null after printing every problem of the file to stderr.</summary>
    public static SweepDefinition? TryLoad(FileInfo file, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SweepsOptions>>().Value;
        try
        {
            return SweepFile.Load(file.FullName, Validation(options));
        }
        catch (Exception invalid) when (invalid is SweepSpecException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(invalid.Message);
            return null;
        }
    }

    private static SweepValidation Validation(SweepsOptions options) => new()
    {
        DataPathExists = path => Directory.Exists(options.ResolveData(path)) || File.Exists(options.ResolveData(path)),
    };
}
