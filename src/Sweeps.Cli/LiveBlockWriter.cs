using System.Text;

namespace Sweeps.Cli;

/// <summary>
/// A terminal's output with a block of live lines kept below everything else written to it. Text written
/// through this writer (the console logger's lines) goes above the block: the block is erased, the text
/// written and the block drawn again beneath it, all under one lock and in one write, so the block never
/// cuts or overdraws a line. The block's lines are clipped at the right edge (auto-wrap off while they are
/// drawn), so each takes one row and moving up by their count finds the block's top again.
/// </summary>
public sealed class LiveBlockWriter(TextWriter terminal) : TextWriter
{
    private const string AutoWrapOff = "\u001b[?7l";
    private const string AutoWrapOn = "\u001b[?7h";
    private readonly Lock _lock = new();
    private IReadOnlyList<string> _block = [];
    private int _rowsShown;
    private bool _atLineStart = true;

    public override Encoding Encoding => terminal.Encoding;

    /// <summary>Replaces the block with <paramref name="lines"/> (none: no block).</summary>
    public void Show(IReadOnlyList<string> lines)
    {
        lock (_lock)
        {
            if (_block.SequenceEqual(lines)) return;
            _block = lines;
            // Within a line written in parts, the block waits for the line's end.
            if (!_atLineStart) return;
            var output = new StringBuilder();
            Erase(output);
            Draw(output);
            Emit(output);
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_lock)
        {
            var output = new StringBuilder();
            Erase(output);
            output.Append(value);
            _atLineStart = value[^1] == '\n';
            if (_atLineStart) Draw(output);
            Emit(output);
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (_lock) terminal.Flush();
    }

    private void Erase(StringBuilder output)
    {
        if (_rowsShown == 0) return;
        output.Append($"\r\u001b[{_rowsShown}A\u001b[J");
        _rowsShown = 0;
    }

    private void Draw(StringBuilder output)
    {
        if (_block.Count == 0) return;
        output.Append(AutoWrapOff);
        foreach (var line in _block) output.Append(line).Append('\n');
        output.Append(AutoWrapOn);
        _rowsShown = _block.Count;
    }

    private void Emit(StringBuilder output)
    {
        terminal.Write(output.ToString());
        terminal.Flush();
    }
}
