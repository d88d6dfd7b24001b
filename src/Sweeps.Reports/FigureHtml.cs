using System.Text.RegularExpressions;
using Sweeps.Plots;

namespace Sweeps.Reports;

/// <summary>Figures as parts of an HTML page that names no URL: the report's page and the live page.</summary>
public static partial class FigureHtml
{
    /// <summary>An SVG document as an element of the page: no XML declaration or namespace declarations (an
    /// HTML parser needs neither, so the page names no URL at all), a view box as large as the figure (so CSS
    /// can scale it to the page's width instead of cropping it), and its ids (clip paths) prefixed with
    /// <paramref name="figureId"/> (unique on the page), since every figure numbers them from the same start.</summary>
    public static string Inline(string svg, string figureId)
    {
        var element = NamespacePattern().Replace(XmlDeclarationPattern().Replace(svg, ""), "");
        element = SizedRootPattern().Replace(element, root => root.Value.Contains("viewBox") ? root.Value
            : root.Value.Insert(root.Length - 1, $" viewBox=\"0 0 {root.Groups["width"].Value} {root.Groups["height"].Value}\""), 1);
        var prefix = Regex.Replace(figureId, "[^A-Za-z0-9_-]", "_") + "-";
        return LocalReferencePattern().Replace(element, match => match.Groups["start"].Value + prefix + match.Groups["id"].Value);
    }

    [GeneratedRegex(@"(?<start>\bid=""|url\(#|href=""#)(?<id>[^""\)]+)")]
    private static partial Regex LocalReferencePattern();

    [GeneratedRegex(@"<svg\b[^>]*\bwidth=""(?<width>[\d.]+)""[^>]*\bheight=""(?<height>[\d.]+)""[^>]*>")]
    private static partial Regex SizedRootPattern();

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclarationPattern();

    [GeneratedRegex(@"\s+xmlns(:\w+)?=""[^""]*""")]
    private static partial Regex NamespacePattern();
}
