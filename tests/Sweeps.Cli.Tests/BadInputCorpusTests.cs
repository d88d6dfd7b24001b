using System.Text.RegularExpressions;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Every case of the bad-input corpus (tests/Sweeps.Spec.Tests/BadInputs/*.case) run through the real
/// program, each in its own installation: stderr must be exactly the case's lines, stdout must hold its
/// stdout lines, the exit code must be the case's, and no line may look like a .NET stack frame. The
/// cases start together, three at a time, the first time any of them is asked for.
/// </summary>
public sealed partial class BadInputCorpusTests
{
    private static readonly string CorpusFolder = Path.Combine(AppContext.BaseDirectory, "BadInputs");
    /// <summary>Each case's own limit, from when it starts running (the others may hold the slots long on a busy machine).</summary>
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromMinutes(2);
    private static readonly SemaphoreSlim Slots = new(3);
    private static readonly Lazy<Dictionary<string, Task<BadInputOutcome>>> Outcomes = new(() =>
        Directory.GetFiles(CorpusFolder, "*.case").Select(Path.GetFileName).ToDictionary(name => name!, name => RunAsync(Load(name!))));

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(CorpusFolder, "*.case").Order(StringComparer.Ordinal))
            cases.Add(Path.GetFileName(path));
        return cases;
    }

    [Fact]
    public void The_corpus_has_at_least_40_cases_covering_every_kind_of_input_and_each_parses()
    {
        var names = Directory.GetFiles(CorpusFolder, "*.case").Select(Path.GetFileName).ToList();

        Assert.True(names.Count >= 40, $"only {names.Count} cases");
        foreach (var kind in new[] { "settings-", "database-", "data-", "checkpoint-", "arguments-", "signal-" })
            Assert.Contains(names, name => name!.StartsWith(kind, StringComparison.Ordinal));
        foreach (var name in names)
            Load(name!);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task Each_bad_input_gets_its_exact_message_and_exit_code_and_no_stack_trace(string name)
    {
        var expected = Load(name);
        Skip.If(expected.NeedsPostgres && TestPostgres.Server is null, TestPostgres.SkipReason);

        var outcome = await Outcomes.Value[name];
        var result = outcome.Result;
        var said = $"exit code {result.ExitCode}\nstdout:\n{result.Output}\nstderr:\n{result.Errors}";

        Assert.True(outcome.ExpectedErrors.SequenceEqual(Lines(result.Errors)), $"stderr differs from the case's:\n{string.Join('\n', outcome.ExpectedErrors)}\n---\n{said}");
        foreach (var line in outcome.ExpectedOutputLines)
            Assert.True(Lines(result.Output).Any(printed => printed.Contains(line, StringComparison.Ordinal)), $"no stdout line holds '{line}':\n{said}");
        Assert.True(expected.ExitCode == result.ExitCode, $"expected exit code {expected.ExitCode}:\n{said}");
        Assert.DoesNotContain(Lines(result.Output + result.Errors), line => StackFrame().IsMatch(line));
        // The command's one line is the only report of a failed start, not the host's log line beside it.
        Assert.DoesNotContain(Lines(result.Output), line => line.Contains("Hosting failed to start", StringComparison.Ordinal));
    }

    [Fact]
    public void The_stack_frame_pattern_catches_a_real_stack_trace()
    {
        string trace;
        try
        {
            throw new InvalidOperationException("thrown here");
        }
        catch (InvalidOperationException thrown)
        {
            trace = thrown.ToString();
        }
        Assert.Contains(Lines(trace), line => StackFrame().IsMatch(line));
    }

    private static BadInputCase Load(string name) => BadInputCase.Parse(name, File.ReadAllLines(Path.Combine(CorpusFolder, name)));

    private static async Task<BadInputOutcome> RunAsync(BadInputCase badInput)
    {
        if (badInput.NeedsPostgres && TestPostgres.Server is null)
            return new BadInputOutcome(new CliResult(-1, "", ""), [], []);
        await Slots.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(CaseTimeout);
            return await badInput.RunAsync(timeout.Token);
        }
        finally
        {
            Slots.Release();
        }
    }

    private static List<string> Lines(string text) => text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();

    /// <summary>"   at Sweeps.Storage.SweepsDatabase.MigrateAsync(CancellationToken ct) in ...".</summary>
    [GeneratedRegex(@"^\s+at [^\s(]+\(")]
    private static partial Regex StackFrame();
}
