using System.CommandLine;

namespace Sweeps.Cli.Commands;

public static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Sweep specifications (YAML)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check sweep files and report every problem (exit code 1 if any file is invalid); stores nothing") { files };
        command.SetAction(async (result, ct) =>
        {
            await using var services = await SweepsHost.CreateServicesAsync(ct, migrate: false);
            int invalid = 0;
            foreach (var file in result.GetValue(files)!)
            {
                var sweep = SweepFiles.TryLoad(file, services);
                if (sweep is null)
                    invalid++;
                else
                    Console.WriteLine($"{file.Name}: valid, {sweep.Trials.Count} trial(s)");
            }
            return invalid == 0 ? 0 : 1;
        });
        return command;
    }
}
