using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

public static class StatusCommand
{
    public static Command Create()
    {
        var sweep = new Argument<string?>("sweep") { Description = "Sweep id or name (default: every sweep)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show trials with state, epoch, attempts, best top-1, best PS and errors") { sweep };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var store = scope.ServiceProvider.GetRequiredService<SweepStore>();
            var wanted = result.GetValue(sweep);
            IReadOnlyList<SweepRecord> sweeps;
            if (wanted is null)
            {
                sweeps = await store.ListSweepsAsync(ct);
            }
            else
            {
                var found = await store.FindSweepAsync(wanted, ct);
                if (found is null)
                {
                    Console.Error.WriteLine($"No sweep with id or name '{wanted}'.");
                    return 1;
                }
                sweeps = [found];
            }
            var provenance = scope.ServiceProvider.GetRequiredService<DataProvenance>();
            foreach (var record in sweeps)
            {
                AnsiConsole.Write(await ResultsTable.CreateAsync(store, record, await provenance.TitleAsync(record, ct), ct));
                foreach (var line in await ResultsTable.ReferenceLinesAsync(store, await provenance.BappsFoldersAsync(record.Id, ct), ct))
                    AnsiConsole.WriteLine(line);
            }
            return 0;
        });
        return command;
    }
}
