using System.Text;
using System.Text.RegularExpressions;
using Sweeps.Cli.Tests;
using Sweeps.Storage.Tests;

namespace Sweeps.LivePage.Tests;

/// <summary>A real <c>sweeps serve</c> on a free port, a child process over the test's database, killed on dispose.</summary>
public sealed partial class LivePageServe : IDisposable
{
    private readonly CliInstallation _installation;

    private LivePageServe(CliInstallation installation, Uri address)
    {
        _installation = installation;
        Address = address;
    }

    /// <summary>The page's address as served on loopback, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Address { get; }

    public static async Task<LivePageServe> StartAsync(TempDatabase database, params string[] options)
    {
        var installation = new CliInstallation(demoData: false);
        installation.Settings["Sweeps__Database"] = database.ConnectionString;
        var log = new StringBuilder();
        installation.StartCollecting(log, ["serve", "--port", "0", .. options]);
        // A deadline for the server to come up, not a timing assertion.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            string text;
            lock (log) text = log.ToString();
            if (ListeningLine().Match(text) is { Success: true } line)
                return new LivePageServe(installation, new Uri($"http://127.0.0.1:{line.Groups["port"].Value}/"));
            await Task.Delay(100);
        }
        installation.Dispose();
        throw new TimeoutException($"sweeps serve did not say where it listens:\n{log}");
    }

    public void Dispose() => _installation.Dispose();

    [GeneratedRegex(@"Live page: http://[^ ]*:(?<port>\d+)/")]
    private static partial Regex ListeningLine();
}
