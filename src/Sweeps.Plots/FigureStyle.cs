using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// The look every figure shares: the Okabe-Ito colour-blind-safe palette, the embedded font on every text
/// element, the legend below the axes in rows, and PNG and SVG files of the same drawing.
/// </summary>
public static class FigureStyle
{
    /// <summary>Okabe and Ito's palette without its black (kept for text) and with yellow last (faint on white).</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#009E73"), Color.FromHex("#0072B2"),
        Color.FromHex("#D55E00"), Color.FromHex("#CC79A7"), Color.FromHex("#F0E442"),
    ];

    /// <summary>Reference lines (human ceiling, pixel baselines): shades of grey, dashed.</summary>
    public static readonly Color ReferenceColor = Color.FromHex("#555555");

    /// <summary>Beyond the palette's seven colours, series are told apart by marker shape as well.</summary>
    public static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown];

    /// <summary>The family SVG text names (<c>DejaVu Sans</c>): SkiaSharp writes the font file's own family name.</summary>
    public static string SvgFontFamily => EmbeddedFont.FamilyName;

    /// <summary>The CSS rule that gives <see cref="SvgFontFamily"/> the shipped TrueType file as a <c>data:</c> URL, so
    /// an SVG or a page shows the figures' own face on a machine without it, and names no URL.</summary>
    public static string FontFaceRule => FontFace.Value;

    /// <summary>The shipped TrueType file the figures are drawn in, for a page that serves it once by URL.</summary>
    public static byte[] FontFile() => EmbeddedFont.FileBytes();

    private static readonly Lazy<string> FontFace = new(() =>
        $"@font-face {{ font-family: '{SvgFontFamily}'; src: url(data:font/ttf;base64,{Convert.ToBase64String(EmbeddedFont.FileBytes())}) format('truetype'); }}");

    public static Color ColorOf(int series) => Palette[series % Palette.Length];

    public static MarkerShape ShapeOf(int series) => Shapes[series / Palette.Length % Shapes.Length];

    /// <summary>Beyond this many trials the legend names none of them (it would outgrow the figure); the colours stay.</summary>
    public const int MaxNamedSeries = 24;

    /// <summary>Height of one legend row below the axes, in pixels.</summary>
    public const int LegendRowHeight = 22;

    /// <summary>Legend rows that fit below a figure of the requested height without making it taller.</summary>
    private const int LegendRowsIncluded = 2;

    /// <summary>Title, axis titles, font and a legend below the axes (when any plottable has a legend text).</summary>
    public static void Apply(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Legend.Orientation = Orientation.Horizontal;
        ShowLegendWhenNamed(plot);
        UseEmbeddedFont(plot);
    }

    /// <summary>Puts the legend below the axes once any plottable has a legend text. ScottPlot 5.1 draws nothing
    /// at all, not even the axes, when a legend panel has no item (a figure of more than <see cref="MaxNamedSeries"/>
    /// trials names none of them).</summary>
    public static void ShowLegendWhenNamed(Plot plot)
    {
        bool named = plot.Legend.GetItems().Any(item => !string.IsNullOrEmpty(item.LabelText));
        if (named && !plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any()) plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>The height to render at so that the axes keep the height <paramref name="height"/> gives them
    /// with two legend rows: each further row makes the figure taller instead of the axes shorter.</summary>
    public static int HeightWithLegend(Plot plot, int width, int height)
    {
        var labels = plot.Legend.GetItems().Select(item => item.LabelText ?? "").Where(text => text.Length > 0).ToList();
        if (labels.Count == 0) return height;
        // DejaVu Sans at the legend's size: about 7 px per character, plus the symbol and the gaps.
        int rows = 1, used = 0, usable = width - 40;
        foreach (var label in labels)
        {
            int itemWidth = 45 + 7 * label.Length;
            if (used > 0 && used + itemWidth > usable)
            {
                rows++;
                used = 0;
            }
            used += itemWidth;
        }
        return height + Math.Max(0, rows - LegendRowsIncluded) * LegendRowHeight;
    }

    /// <summary>Renders a PNG, creating its folder; the height grows with the legend (<see cref="HeightWithLegend"/>).</summary>
    public static void SavePng(Plot plot, string path, int width, int height)
    {
        CreateFolder(path);
        plot.SavePng(path, width, HeightWithLegend(plot, width, height));
    }

    /// <summary>Renders a standalone SVG file (<see cref="Standalone"/>), creating its folder; the same drawing as <see cref="SavePng"/>.</summary>
    public static void SaveSvg(Plot plot, string path, int width, int height)
    {
        CreateFolder(path);
        File.WriteAllText(path, Standalone(Svg(plot, width, height)));
    }

    /// <summary>The SVG document of the drawing, for inlining in a page that declares the font (<see cref="FontFaceRule"/>) once.</summary>
    public static string Svg(Plot plot, int width, int height) => plot.GetSvgXml(width, HeightWithLegend(plot, width, height));

    /// <summary>An SVG document of <see cref="Svg"/> for a file of its own: the font embedded in a style element
    /// (about 1 MB), so any viewer draws its text in the face it was laid out with.</summary>
    public static string Standalone(string svg)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        int end = start < 0 ? -1 : svg.IndexOf('>', start);
        if (end < 0) throw new ArgumentException("The text holds no <svg> element.", nameof(svg));
        return svg[..(end + 1)] + "<defs><style>" + FontFaceRule + "</style></defs>" + svg[(end + 1)..];
    }

    private static void CreateFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
    }

    private static void UseEmbeddedFont(Plot plot)
    {
        EmbeddedFont.Register();
        plot.Font.Set(EmbeddedFont.Name);
        plot.Axes.Title.Label.FontName = EmbeddedFont.Name;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = EmbeddedFont.Name;
            axis.TickLabelStyle.FontName = EmbeddedFont.Name;
        }
        plot.Legend.FontName = EmbeddedFont.Name;
    }
}
