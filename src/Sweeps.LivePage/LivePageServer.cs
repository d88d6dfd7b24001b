using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Faults;
using Sweeps.Orchestration;
using Sweeps.Reports;
using Sweeps.Storage;

namespace Sweeps.LivePage;

/// <summary><c>sweeps serve</c>: the live page on Kestrel, over the database the settings name, until stopped.</summary>
public static class LivePageServer
{
    /// <param name="configureSettings">The settings sources and logging every command has.</param>
    /// <param name="listening">Told the page's address once the server listens.</param>
    /// <exception cref="LivePageException">The options are unsafe or wrong, or the address cannot be listened on.</exception>
    public static async Task RunAsync(LivePageOptions options, Action<IHostApplicationBuilder> configureSettings, Action<string> listening, CancellationToken ct)
    {
        var address = options.ListenAddress();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        configureSettings(builder);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (address is null) kestrel.ListenLocalhost(options.Port);
            else kestrel.Listen(address, options.Port);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSweepsCore(builder.Configuration).AddSweepsReports();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<LiveFigures>();
        builder.Services.AddSingleton<SharedReads>();
        builder.Services.AddScoped<LiveView>();
        if (options.IsLoopback)
            // A page on loopback answers only to names of this machine: another site's page cannot reach it by
            // pointing a name of its own at 127.0.0.1 (DNS rebinding).
            builder.Services.AddHostFiltering(filter => filter.AllowedHosts = [LivePageOptions.LocalhostName, "127.0.0.1", "[::1]", options.Bind]);

        await using var app = builder.Build();
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<SweepsDatabase>().MigrateAsync(ct);
        if (options.IsLoopback)
            app.UseHostFiltering();
        if (options.Token is { } token)
            app.Use(new TokenGate(token).InvokeAsync);
        app.MapLivePage(options);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException busy)
        {
            throw new LivePageException(FaultKind.Environment, $"serve: cannot listen on {options.Bind}:{options.Port}: {busy.Message}", busy);
        }
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        foreach (var url in addresses)
            listening(url.TrimEnd('/') + "/");
        await app.WaitForShutdownAsync(ct);
    }
}
