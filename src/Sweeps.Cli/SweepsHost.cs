using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Sweeps.Orchestration;
using Sweeps.Reports;

namespace Sweeps.Cli;

/// <summary>Configuration and services for the commands: appsettings.json beside the executable,
/// then one in the current directory, then environment variables such as Sweeps__TorchThreads=1.</summary>
public static class SweepsHost
{
    /// <summary>Whether the environment asks for debug logging, and with it for stack traces.</summary>
    public static bool DebugLogging =>
        System.Environment.GetEnvironmentVariable("Logging__LogLevel__Default") is { } level
        && (level.Equals("Debug", StringComparison.OrdinalIgnoreCase) || level.Equals("Trace", StringComparison.OrdinalIgnoreCase));

    public static HostApplicationBuilder CreateBuilder()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        Configure(builder);
        return builder;
    }

    /// <summary>The settings sources and logging every command has, on any host (the live page's web host too).</summary>
    public static void Configure(IHostApplicationBuilder builder)
    {
        AddSettingsFile(builder.Configuration, Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        AddSettingsFile(builder.Configuration, Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        if (!DebugLogging)
        {
            var console = builder.Services.Single(service => service.ServiceType == typeof(ILoggerProvider) && service.ImplementationType == typeof(ConsoleLoggerProvider));
            builder.Services.Remove(console);
            builder.Services.AddSingleton<ILoggerProvider>(services =>
                new ShortExceptionLoggerProvider(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(services)));
        }
    }

    private static void AddSettingsFile(IConfigurationBuilder configuration, string path)
    {
        try
        {
            configuration.AddJsonFile(path, optional: true);
        }
        catch (InvalidDataException unreadable)
        {
            var json = unreadable.InnerException?.InnerException as JsonException;
            throw new InvalidSettingsException([json is { LineNumber: { } line, BytePositionInLine: { } column }
                ? $"{path}:{line + 1}:{column + 1}: not valid JSON: {json.Message.Split(" LineNumber:")[0].Split(" Path:")[0]}"
                : $"{path}: not valid JSON: {unreadable.Message}"]);
        }
    }

    /// <summary>Services for short commands (submit, status, plot) with the database migrated.</summary>
    /// <param name="migrate">False for commands that must not create or change the database.</param>
    public static async Task<ServiceProvider> CreateServicesAsync(CancellationToken ct, bool migrate = true)
    {
        var builder = CreateBuilder();
        builder.Services.AddSweepsCore(builder.Configuration);
        builder.Services.AddSweepsReports();
        var services = builder.Services.BuildServiceProvider();
        if (!migrate) return services;
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Sweeps.Storage.SweepsDatabase>().MigrateAsync(ct);
        return services;
    }
}
