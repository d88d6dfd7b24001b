using System.CommandLine;
using Sweeps.Faults;
using Sweeps.Interop;

namespace Sweeps.Cli.Commands;

/// <summary><c>import FILE.pt --arch resnetNN --out CHECKPOINT</c>: a torchvision ResNet state_dict as a
/// checkpoint that <c>sweeps score</c> scores like any trial's.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var stateDict = new Argument<string>("file") { Description = "PyTorch state_dict saved with torch.save(model.state_dict(), FILE)" };
        var architecture = new Option<string>("--arch") { Description = "The torchvision ResNet the state_dict belongs to", Required = true };
        architecture.AcceptOnlyFromAmong([.. TorchvisionResNets.Names]);
        var output = new Option<string>("--out") { Description = "Checkpoint file to write (.ckpt)", Required = true };
        var train = new Option<string?>("--train")
        {
            Description = "Training images whose class order the outputs follow, recorded for 'score --val' (relative paths under DataRoot); default: none recorded",
        };
        var command = new Command("import", "Turn a torchvision ResNet state_dict into a checkpoint that 'sweeps score' accepts")
        {
            stateDict, architecture, output, train,
        };
        command.SetAction(result =>
        {
            try
            {
                var imported = PyTorchInterop.Import(
                    Path.GetFullPath(result.GetValue(stateDict)!), result.GetValue(architecture)!, Path.GetFullPath(result.GetValue(output)!), result.GetValue(train));
                Console.WriteLine($"Wrote {imported.CheckpointPath} ({imported.Architecture}, {imported.ClassCount} classes, configuration {imported.ConfigHash[..12]}).");
                return 0;
            }
            catch (SweepsException exception)
            {
                Console.Error.WriteLine(exception.Message);
                return 1;
            }
        });
        return command;
    }
}
