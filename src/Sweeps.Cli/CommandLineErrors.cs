using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Sweeps.Cli;

/// <summary>Arguments the command line cannot take: one line per problem on stderr and where to read the
/// usage, instead of the whole help text.</summary>
public static partial class CommandLineErrors
{
    public static int Report(ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
            Console.Error.WriteLine(Plain(error.Message));
        var path = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult command; result = command.Parent)
            path.Insert(0, command.Command.Name);
        Console.Error.WriteLine($"Usage: {string.Join(' ', path)} --help");
        return ExitCodes.InvalidInput;
    }

    /// <summary>"... as expected type 'System.Nullable`1[System.Int32]'." reads "... as a whole number.".</summary>
    private static string Plain(string message) => ExpectedType().Replace(message, match => $"as {Describe(match.Groups[1].Value)}.");

    private static string Describe(string type) => type switch
    {
        "Int32" or "Int64" => "a whole number",
        "Double" or "Single" => "a number",
        "Boolean" => "true or false",
        _ => type,
    };

    [GeneratedRegex(@"as expected type 'System\.(?:Nullable`1\[System\.)?(\w+)\]?'\.")]
    private static partial Regex ExpectedType();
}
