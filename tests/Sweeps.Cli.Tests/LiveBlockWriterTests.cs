using System.Globalization;
using System.Text.RegularExpressions;

namespace Sweeps.Cli.Tests;

/// <summary>The bytes a terminal receives when log lines and the live block share it.</summary>
public sealed class LiveBlockWriterTests
{
    private const string WrapOff = "\u001b[?7l";
    private const string WrapOn = "\u001b[?7h";
    private readonly StringWriter _terminal = new();
    private readonly LiveBlockWriter _writer;

    public LiveBlockWriterTests() => _writer = new LiveBlockWriter(_terminal);

    private string Received()
    {
        var text = _terminal.ToString();
        _terminal.GetStringBuilder().Clear();
        return text;
    }

    [Fact]
    public void Without_a_block_text_passes_through_unchanged()
    {
        _writer.Write("09:00:00 info: Worker ready\n");
        _writer.WriteLine("second");

        Assert.Equal("09:00:00 info: Worker ready\nsecond\n", Received());
    }

    [Fact]
    public void The_block_is_drawn_with_auto_wrap_off_so_each_line_takes_one_row()
    {
        _writer.Show(["trial 1", "trial 2"]);

        Assert.Equal($"{WrapOff}trial 1\ntrial 2\n{WrapOn}", Received());
    }

    [Fact]
    public void A_log_line_erases_the_block_is_written_whole_and_the_block_is_drawn_again_beneath_it()
    {
        _writer.Show(["trial 1", "trial 2"]);
        Received();

        _writer.Write("09:00:01 info: Trial 1 reached step 12 of 240\n");

        // Back to the start of the row, up two rows to the block's top, erase to the end of the screen.
        Assert.Equal($"\r\u001b[2A\u001b[J09:00:01 info: Trial 1 reached step 12 of 240\n{WrapOff}trial 1\ntrial 2\n{WrapOn}", Received());
    }

    [Fact]
    public void A_new_block_replaces_the_old_one_and_an_unchanged_block_is_not_drawn_again()
    {
        _writer.Show(["trial 1 at 10%", "trial 2 at 5%"]);
        Received();

        _writer.Show(["trial 1 at 10%", "trial 2 at 5%"]);
        Assert.Equal("", Received());
        _writer.Show(["trial 2 at 6%"]);
        Assert.Equal($"\r\u001b[2A\u001b[J{WrapOff}trial 2 at 6%\n{WrapOn}", Received());
        _writer.Show([]);
        Assert.Equal("\r\u001b[1A\u001b[J", Received());
    }

    [Fact]
    public void A_line_written_in_parts_is_not_cut_by_the_block_which_returns_once_the_line_ends()
    {
        _writer.Show(["trial 1 at 10%"]);
        Received();

        _writer.Write("09:00:02 info: ");
        _writer.Show(["trial 1 at 11%"]);
        _writer.Write('W');
        _writer.Write("orker ready\n");

        Assert.Equal($"\r\u001b[1A\u001b[J09:00:02 info: Worker ready\n{WrapOff}trial 1 at 11%\n{WrapOn}", Received());
    }

    [Fact]
    public async Task Lines_written_from_many_threads_while_the_block_changes_all_arrive_whole()
    {
        var lines = Enumerable.Range(0, 2000).Select(i => $"09:00:00 info: log line {i}\n").ToList();
        var redraws = Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++) _writer.Show(Enumerable.Range(0, i % 3).Select(row => $"trial {row} at {i}").ToList());
        });
        Parallel.ForEach(lines, line => _writer.Write(line));
        await redraws;
        _writer.Show([]);

        var received = Received();
        var drawn = Regex.Count(received, Regex.Escape(WrapOff));
        var erased = Regex.Count(received, @"\r\u001b\[[0-9]+A\u001b\[J");
        var text = Regex.Replace(received, @"\u001b\[\?7l.*?\u001b\[\?7h", "", RegexOptions.Singleline);
        text = Regex.Replace(text, @"\r\u001b\[[0-9]+A\u001b\[J", "");
        Assert.Equal(drawn, erased);
        // Each erase follows its block directly and goes up exactly the rows that block took.
        foreach (Match erase in Regex.Matches(received, @"\r\u001b\[([0-9]+)A\u001b\[J"))
        {
            var before = received[..erase.Index];
            Assert.EndsWith(WrapOn, before);
            var block = before[(before.LastIndexOf(WrapOff, StringComparison.Ordinal) + WrapOff.Length)..^WrapOn.Length];
            Assert.Equal(int.Parse(erase.Groups[1].Value, CultureInfo.InvariantCulture), block.Count(c => c == '\n'));
        }
        Assert.Equal(lines.Order(), text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line + "\n").Order());
    }
}
