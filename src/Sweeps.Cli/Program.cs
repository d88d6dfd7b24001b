using Sweeps.Cli;

var parsed = SweepsCommandLine.Create().Parse(args);
if (parsed.Errors.Count > 0 && !parsed.Tokens.Any(token => token.Value is "--help" or "-h" or "-?"))
    return CommandLineErrors.Report(parsed);
var verbose = parsed.GetValue(SweepsCommandLine.Verbose);
// --verbose is the debug log level: the commands' hosts and a trial's child processes read it from here.
if (verbose)
    Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Debug");
return await CommandFailures.InvokeAsync(parsed, verbose || SweepsHost.DebugLogging);
