using Sweeps.Cli;

return await SweepsCommandLine.Create().Parse(args).InvokeAsync();
