using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary>The child process of a worker with TrialInChildProcess set: runs one attempt at a trial the
/// parent claimed (under the parent's WorkerId and claim) and exits. Not meant to be typed by hand.</summary>
public static class RunTrialCommand
{
    public static Command Create()
    {
        var trialId = new Argument<int>("trial") { Description = "Id of a trial this worker holds" };
        var attempt = new Option<int>("--attempt") { Description = "The claim's attempt number (its fencing token)", Required = true };
        var drain = new Option<bool>("--drain") { Description = "When stopped, train to the next scheduled checkpoint first" };
        var command = new Command("run-trial", "Run one attempt at a claimed trial in this process (used by the worker)") { trialId, attempt, drain };
        command.Hidden = true;
        command.SetAction(async (result, ct) =>
        {
            var builder = SweepsHost.CreateBuilder();
            builder.Services.AddSweepsTrialRunner(builder.Configuration, result.GetValue(drain));
            using var host = builder.Build();
            await host.StartAsync(ct);
            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            int exitCode;
            using (var scope = host.Services.CreateScope())
            {
                var worker = scope.ServiceProvider.GetRequiredService<WorkerIdentity>();
                var claim = new TrialClaim(result.GetValue(trialId), result.GetValue(attempt), worker.Id);
                var trial = await scope.ServiceProvider.GetRequiredService<TrialQueue>().GetHeldAsync(claim, ct);
                if (trial is null)
                {
                    Console.Error.WriteLine($"Trial {claim.TrialId} is not running under attempt {claim.Attempt} of worker {worker.Id}.");
                    exitCode = 2;
                }
                else
                {
                    await scope.ServiceProvider.GetRequiredService<TrialExecution>().RunAsync(trial, stopping);
                    exitCode = 0;
                }
            }
            await host.StopAsync(CancellationToken.None);
            return exitCode;
        });
        return command;
    }
}
