using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Sweeps.Plots.Tests;

public partial class SvgFileTests
{
    [Fact]
    public void A_standalone_svg_embeds_the_shipped_font_its_text_names_and_names_no_url()
    {
        using var temp = new TempFolder();
        var path = temp.File("figures/accuracy.svg");

        FigureStyle.SaveSvg(AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), "Embedded face"), path, 1000, 700);

        var svg = File.ReadAllText(path);
        var document = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = document.Descendants(ns + "text").ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, text => Assert.Equal("DejaVu Sans", text.Attribute("font-family")?.Value));
        var style = Assert.Single(document.Descendants(ns + "style")).Value;
        var face = FontFace().Match(style);
        Assert.True(face.Success, "no @font-face with a data: URL");
        Assert.Equal("DejaVu Sans", face.Groups["family"].Value);
        var font = Convert.FromBase64String(face.Groups["data"].Value);
        // A TrueType file (version 1.0), byte for byte the one this repository ships.
        Assert.Equal([0, 1, 0, 0], font[..4]);
        Assert.Equal(File.ReadAllBytes(ShippedFont()), font);
        // Only its own namespaces: no http(s) URL that a viewer would fetch.
        Assert.Empty(Regex.Matches(svg, @"url\((?!data:|#)"));
    }

    [Fact]
    public void The_svg_for_inlining_leaves_the_font_to_the_page()
    {
        var svg = FigureStyle.Svg(AccuracyPerceptualPlot.Create(SamplePoints.TwoTrials(), "t"), 1000, 700);

        Assert.DoesNotContain("@font-face", svg);
        Assert.Equal(svg.Length + FigureStyle.FontFaceRule.Length + "<defs><style></style></defs>".Length, FigureStyle.Standalone(svg).Length);
    }

    private static string ShippedFont()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Sweeps.sln"))) folder = folder.Parent;
        return Path.Combine(folder!.FullName, "src", "Sweeps.Plots", "Fonts", "DejaVuSans.ttf");
    }

    [GeneratedRegex(@"@font-face\s*\{\s*font-family:\s*'(?<family>[^']+)';\s*src:\s*url\(data:font/ttf;base64,(?<data>[A-Za-z0-9+/=]+)\)")]
    private static partial Regex FontFace();
}
