using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary><c>cancel</c>, <c>pause</c>, <c>resume</c> and <c>retry</c>: one line per trial saying what
/// happened to it. Exit code 1 when the sweep or trial does not exist or the command applied to none of its trials.</summary>
public static class OperatorCommands
{
    public static IEnumerable<Command> Create() =>
    [
        Create(TrialTransition.Cancel, "Cancel a sweep's trials (a running one stops at its next step boundary, after a checkpoint)"),
        Create(TrialTransition.Pause, "Pause a sweep: no trial of it is claimed, running ones stop at their next step boundary after a checkpoint"),
        Create(TrialTransition.Resume, "Queue a paused sweep's trials again"),
        Create(TrialTransition.Retry, "Queue failed, diverged, stopped or cancelled trials again; each continues from its last good checkpoint"),
    ];

    private static Command Create(TrialTransition transition, string description)
    {
        bool trialOption = TrialOperations.AppliesToOneTrial(transition);
        var name = TrialOperations.Name(transition);
        var sweep = new Argument<string?>("sweep") { Description = "Sweep id or name", Arity = trialOption ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne };
        var trial = new Option<int?>("--trial") { Description = "One trial, by id (as status shows it)" };
        var command = new Command(name, description) { sweep };
        if (trialOption) command.Options.Add(trial);
        command.SetAction(async (result, ct) =>
        {
            var sweepName = result.GetValue(sweep);
            var trialId = trialOption ? result.GetValue(trial) : null;
            if ((sweepName is null) == (trialId is null))
            {
                Console.Error.WriteLine($"{name}: name a sweep or give --trial N (one of them).");
                return 1;
            }
            await using var services = await SweepsHost.CreateServicesAsync(ct);
            using var scope = services.CreateScope();
            var outcomes = await scope.ServiceProvider.GetRequiredService<TrialOperations>().ApplyAsync(transition, sweepName, trialId, ct);
            if (outcomes is null)
            {
                Console.Error.WriteLine(trialId is int id ? $"No trial with id {id}." : $"No sweep with id or name '{sweepName}'.");
                return 1;
            }
            foreach (var outcome in outcomes)
                Console.WriteLine(TrialOperations.Describe(outcome, transition));
            return outcomes.Any(o => o.Refused is null) ? 0 : 1;
        });
        return command;
    }
}
