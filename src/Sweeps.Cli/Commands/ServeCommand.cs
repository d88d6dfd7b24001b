using System.CommandLine;
using System.Runtime.InteropServices;
using Sweeps.LivePage;

namespace Sweeps.Cli.Commands;

/// <summary><c>sweeps serve</c>: the live page (sweeps, trial table, figures, trial pages) until stopped.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one)", DefaultValueFactory = _ => LivePageOptions.DefaultPort };
        var bind = new Option<string>("--bind")
        {
            Description = "Address to listen on; anything but loopback (127.0.0.0/8, ::1, localhost) needs --token",
            DefaultValueFactory = _ => LivePageOptions.DefaultBind,
        };
        var token = new Option<string?>("--token")
        {
            Description = "A secret every request must carry (Authorization: Bearer T, or open the page once with ?token=T)",
        };
        var allowControl = new Option<bool>("--allow-control") { Description = "Offer cancel, pause, resume and retry buttons (the page is read-only without)" };
        var command = new Command("serve", "Serve a live page: sweeps with their trial counts, the trial table, the report's figures and each trial's PS and log, updated as workers run")
        {
            port, bind, token, allowControl,
        };
        command.SetAction(async (result, ct) =>
        {
            var options = new LivePageOptions(result.GetValue(port), result.GetValue(bind)!, result.GetValue(token), result.GetValue(allowControl));
            // The host's lifetime stops the server on the signal; this only remembers it came.
            bool interrupted = false;
            using var ctrlC = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => interrupted = true);
            await LivePageServer.RunAsync(options, SweepsHost.Configure, url =>
                Console.WriteLine($"Live page: {url} ({(options.AllowControl ? "with the operator's commands" : "read-only")}" +
                    (options.Token is null ? "" : "; every request needs the token: open it once with ?token=T") + "). Ctrl+C stops it."), ct);
            return interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
        });
        return command;
    }
}
