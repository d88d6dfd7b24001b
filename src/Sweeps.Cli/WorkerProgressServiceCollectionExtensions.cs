using Microsoft.Extensions.DependencyInjection;

namespace Sweeps.Cli;

public static class WorkerProgressServiceCollectionExtensions
{
    /// <summary>When standard output is a terminal (and no service manager runs the worker): the live
    /// progress lines of this worker's trials below the log. Anywhere else nothing changes.</summary>
    public static IServiceCollection AddWorkerProgressDisplay(this IServiceCollection services)
    {
        if (Console.IsOutputRedirected || SystemdServiceCollectionExtensions.UnderServiceManager
            || Environment.GetEnvironmentVariable("TERM") == "dumb")
            return services;
        var block = new LiveBlockWriter(Console.Out);
        // The console logger keeps the Console.Out it finds when the host is built: from here on that is
        // the block's writer, which puts every log line above the block.
        Console.SetOut(block);
        services.AddSingleton(block);
        services.AddHostedService<WorkerProgressDisplay>();
        return services;
    }
}
