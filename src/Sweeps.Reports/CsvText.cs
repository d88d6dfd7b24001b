using System.Text;

namespace Sweeps.Reports;

/// <summary>RFC 4180 CSV text: a header and rows, fields quoted only when they must be.</summary>
public static class CsvText
{
    public static string Of(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows) Line(text, row);
        return text.ToString();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static void Line(StringBuilder text, IEnumerable<string> fields) =>
        text.AppendJoin(',', fields.Select(Field)).Append('\n');
}
