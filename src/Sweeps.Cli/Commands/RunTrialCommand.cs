using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sweeps.Orchestration;
using Sweeps.Storage;

namespace Sweeps.Cli.Commands;

/// <summary>The child process of a worker with TrialInChildProcess set: trains one trial the parent
/// claimed (under the parent's WorkerId) and exits. Not meant to be typed by hand.</summary>
public static class RunTrialCommand
{
    public static Command Create()
    {
        var trialId = new Argument<int>("trial") { Description = "Id of a trial this worker holds" };
        var command = new Command("run-trial", "Train one claimed trial in this process (used by the worker)") { trialId };
        command.Hidden = true;
        command.SetAction(async (result, ct) =>
        {
            var builder = SweepsHost.CreateBuilder();
            builder.Services.AddSweepsTrialRunner(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync(ct);
            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            int exitCode;
            using (var scope = host.Services.CreateScope())
            {
                var worker = scope.ServiceProvider.GetRequiredService<WorkerIdentity>();
                var trial = await scope.ServiceProvider.GetRequiredService<SweepStore>().GetHeldTrialAsync(result.GetValue(trialId), worker.Id, ct);
                if (trial is null)
                {
                    Console.Error.WriteLine($"Trial {result.GetValue(trialId)} is not running under worker {worker.Id}.");
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
