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
            var report = scope.ServiceProvider.GetRequiredService<SweepStatusReport>();
            var sweeps = await report.ReadAsync(result.GetValue(sweep), ct);
            if (sweeps is null)
            {
                Console.Error.WriteLine($"No sweep with id or name '{result.GetValue(sweep)}'.");
                return 1;
            }
            var workers = await report.WorkersAsync(ct);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new StatusJson(sweeps.Select(SweepJson.From).ToList(), workers), Json));
                return 0;
            }
            var now = DateTime.UtcNow;
            foreach (var status in sweeps)
            {
                AnsiConsole.Write(ResultsTable.Create(status, now));
                foreach (var line in ResultsTable.ReferenceLines(status))
                    AnsiConsole.WriteLine(line);
            }
            foreach (var line in ResultsTable.WorkerLines(workers, now))
                AnsiConsole.WriteLine(line);
            return 0;
        });
        return command;
    }
}
