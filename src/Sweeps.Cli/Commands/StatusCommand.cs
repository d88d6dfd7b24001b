using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Sweeps.Orchestration;

namespace Sweeps.Cli.Commands;

public static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create()
    {
        var sweep = new Argument<string?>("sweep") { Description = "Sweep id or name (default: every sweep)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print the sweeps and their trials as JSON, for scripts" };
        var command = new Command("status", "Show trials with state, progress, attempts and interruptions, best top-1, best PS, worker and errors") { sweep, json };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var sweeps = await scope.ServiceProvider.GetRequiredService<SweepStatusReport>().ReadAsync(result.GetValue(sweep), ct);
            if (sweeps is null)
            {
                Console.Error.WriteLine($"No sweep with id or name '{result.GetValue(sweep)}'.");
                return 1;
            }
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(sweeps.Select(StatusJson.From), Json));
                return 0;
            }
            foreach (var status in sweeps)
            {
                AnsiConsole.Write(ResultsTable.Create(status, DateTime.UtcNow));
                foreach (var line in ResultsTable.ReferenceLines(status))
                    AnsiConsole.WriteLine(line);
            }
            return 0;
        });
        return command;
    }
}
