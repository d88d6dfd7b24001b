using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Sweeps.Plots;

/// <summary>
/// Serves the DejaVu Sans shipped inside this assembly to ScottPlot. SkiaSharp's NoDependencies build
/// finds no system fonts, so without it every label would silently render as nothing.
/// </summary>
internal sealed class EmbeddedFont : IFontResolver
{
    public const string Name = "Sweeps DejaVu Sans";
    private const string ResourceName = "Sweeps.Plots.DejaVuSans.ttf";

    private static readonly Lazy<EmbeddedFont> Registration = new(() =>
    {
        var font = new EmbeddedFont(LoadResource());
        Fonts.FontResolvers.Insert(0, font);
        return font;
    });

    private readonly SKData _fontData;

    private EmbeddedFont(SKData fontData)
    {
        _fontData = fontData;
        _family = new(() =>
        {
            using var typeface = SKTypeface.FromData(_fontData);
            return typeface.FamilyName;
        });
    }

    /// <summary>The family the font file itself names, which SVG text carries (SkiaSharp writes the typeface's own
    /// family, not <see cref="Name"/>).</summary>
    public static string FamilyName => Registration.Value._family.Value;

    private readonly Lazy<string> _family;

    /// <summary>Registers the font with ScottPlot; later calls do nothing.</summary>
    public static void Register() => _ = Registration.Value;

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        CreateTypeface(fontName, weight >= FontWeight.Bold, slant != FontSlant.Upright);

    // One regular face: bold or italic requests get the regular face rather than a system fallback with no glyphs.
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        fontName == Name ? SKTypeface.FromData(_fontData) : null;

    /// <summary>The font file itself, for SVG files and pages that show the figures in the same face.</summary>
    public static byte[] FileBytes()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The font resource {ResourceName} is missing from {Assembly.GetExecutingAssembly().Location}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static SKData LoadResource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The font resource {ResourceName} is missing from {Assembly.GetExecutingAssembly().Location}.");
        return SKData.Create(stream);
    }
}
