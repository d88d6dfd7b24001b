namespace Sweeps.Cli.Tests;

public sealed record CliResult(int ExitCode, string Output, string Errors);
