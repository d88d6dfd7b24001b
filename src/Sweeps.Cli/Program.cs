using System.CommandLine;
using Sweeps.Cli;

// SIGTERM and Ctrl+C are left to the worker's host, which hands the running trial back (or, with
// --drain, checkpoints first) however long that takes; System.CommandLine's own handling would end
// the process 2 s after the signal.
return await SweepsCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
