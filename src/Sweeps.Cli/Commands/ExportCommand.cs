using System.CommandLine;
using Sweeps.Faults;
using Sweeps.Interop;

namespace Sweeps.Cli.Commands;

/// <summary><c>export CHECKPOINT --format pytorch --out FILE.pt</c>: the checkpoint's weights as a PyTorch
/// state_dict with torchvision's key names, and a JSON note beside it.</summary>
public static class ExportCommand
{
    public const string PyTorchFormat = "pytorch";

    public static Command Create()
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "Checkpoint file (.ckpt) to export" };
        var format = new Option<string>("--format") { Description = "Output format", Required = true };
        format.AcceptOnlyFromAmong(PyTorchFormat);
        var output = new Option<string>("--out") { Description = "state_dict file to write (FILE.pt); the note goes to FILE.json", Required = true };
        var command = new Command("export", "Write a checkpoint's weights as a PyTorch state_dict (torchvision key names) with a note: architecture, pool padding, input normalisation, class order")
        {
            checkpoint, format, output,
        };
        command.SetAction(result =>
        {
            try
            {
                var exported = PyTorchInterop.Export(Path.GetFullPath(result.GetValue(checkpoint)!), Path.GetFullPath(result.GetValue(output)!));
                var torchvision = exported.Note.Torchvision;
                Console.WriteLine($"Wrote {exported.StateDictPath} and {exported.NotePath} ({exported.Note.Architecture.Name}, {exported.Note.Classes.Count} classes).");
                Console.WriteLine(torchvision.SameOutputs
                    ? $"Loads into {torchvision.Module} with strict=True and computes the same outputs."
                    : $"{(torchvision.LoadsStrict ? $"Loads into {torchvision.Module}, but computes other outputs" : "Does not load into a torchvision model")}: {string.Join("; ", torchvision.Differences)}.");
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
