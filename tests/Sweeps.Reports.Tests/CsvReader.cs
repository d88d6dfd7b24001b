using System.Text;

namespace Sweeps.Reports.Tests;

/// <summary>An RFC 4180 reader (quoted fields, doubled quotes, commas and line breaks inside quotes), as pandas reads CSV.</summary>
internal static class CsvReader
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else field.Append(c);
        }
        Assert.False(quoted, "the CSV ends inside a quoted field");
        Assert.True(field.Length == 0 && row.Count == 0, "the CSV's last line has no line break");
        return rows;
    }
}
