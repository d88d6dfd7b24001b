using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Console;

namespace Sweeps.Cli;

/// <summary>Running the worker as a systemd service (deploy/systemd/sweeps-worker.service, Type=notify).</summary>
public static class SystemdServiceCollectionExtensions
{
    /// <summary>The systemd socket that a Type=notify service reports its state to.</summary>
    public const string NotifySocketVariable = "NOTIFY_SOCKET";

    /// <summary>Whether a service manager listens for this process's notifications.</summary>
    // The library's own AddSystemd (10.0) activates only when the parent process is systemd or
    // the process is pid 1: not when ExecStart goes through a wrapper that does not exec, nor
    // under anything else that sets NOTIFY_SOCKET. The socket is what the manager listens on.
    public static bool UnderServiceManager =>
        SystemdHelpers.IsSystemdService() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(NotifySocketVariable));

    /// <summary>Under a service manager that listens for notifications: READY=1 once the host has
    /// started, STOPPING=1 when it begins to stop, SIGTERM stops the host, and log lines carry
    /// journald priority prefixes. Anywhere else nothing changes (plain log lines, Ctrl+C).</summary>
    public static IServiceCollection AddSystemdNotifications(this IServiceCollection services)
    {
        if (!UnderServiceManager)
            return services;
        services.Configure<ConsoleLoggerOptions>(options => options.FormatterName = ConsoleFormatterNames.Systemd);
        services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.AddSingleton<IHostLifetime, SystemdLifetime>();
        return services;
    }
}
