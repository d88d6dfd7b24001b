using System.Globalization;
using ScottPlot;

namespace Sweeps.Plots;

/// <summary>
/// Labels right of the axes, each for a height on the y axis (a reference line's, a curve's end): level with it where
/// the labels above and below allow, otherwise moved just far enough that no two overlap (<see cref="Spread"/>) and
/// joined to its height by a leader. A panel, so the axes make room for the longest label.
/// </summary>
public sealed class ReferenceLabels(IReadOnlyList<MarginLabel> labels) : IPanel
{
    /// <summary>The names of the reference lines with their PS, in grey.</summary>
    public ReferenceLabels(IReadOnlyList<ReferenceLine> references)
        : this(references.Select(r => new MarginLabel(string.Create(CultureInfo.InvariantCulture, $"{r.Label} {r.Ps:0.0}"), r.Ps)).ToList())
    {
    }

    /// <summary>In pixels: the leader's width from the axes to its label, the space kept between labels, and the
    /// margin after the longest label.</summary>
    private const float LeaderLength = 16, Gap = 2, EndPadding = 6;

    public LabelStyle Style { get; } = new()
    {
        FontName = EmbeddedFont.Name,
        FontSize = 11,
        ForeColor = FigureStyle.ReferenceColor,
        Alignment = Alignment.MiddleLeft,
    };

    /// <summary>Each label's text, in the order given.</summary>
    public IReadOnlyList<string> Texts { get; } = labels.Select(label => label.Text).ToList();

    /// <summary>Where the last render placed each label (pixels, in the order given).</summary>
    public IReadOnlyList<PixelRect> LastBoxes { get; private set; } = [];

    public bool IsVisible { get; set; } = true;
    public Edge Edge => Edge.Right;
    public bool ShowDebugInformation { get; set; }
    public float MinimumSize { get; set; }
    public float MaximumSize { get; set; } = float.MaxValue;

    public float Measure(Paint paint) =>
        IsVisible && Texts.Count > 0 ? LeaderLength + Texts.Max(text => Style.Measure(text, paint).Width) + EndPadding : 0;

    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(left: dataRect.Right + offset, right: dataRect.Right + offset + size, bottom: dataRect.Bottom, top: dataRect.Top);

    public void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible || Texts.Count == 0) return;
        var sizes = Texts.Select(text => Style.Measure(text, rp.Paint).Size).ToList();
        var lineEnds = labels.Select(label => rp.Plot.Axes.Left.GetPixel(label.Y, rp.DataRect)).ToList();
        var centres = Spread(lineEnds, sizes.Max(s => s.Height) + Gap, rp.DataRect.Top, rp.DataRect.Bottom);
        float left = rp.DataRect.Right + offset + LeaderLength;
        var boxes = new List<PixelRect>();
        var styleColor = Style.ForeColor;
        for (int i = 0; i < Texts.Count; i++)
        {
            Drawing.DrawLine(rp.Canvas, rp.Paint, new Pixel(rp.DataRect.Right, lineEnds[i]), new Pixel(left - 3, centres[i]),
                labels[i].Color ?? FigureStyle.ReferenceColor, 1, true, LinePattern.Solid);
            Style.ForeColor = labels[i].Color ?? styleColor;
            Style.Render(rp.Canvas, new Pixel(left, centres[i]), rp.Paint, Texts[i], true);
            Style.ForeColor = styleColor;
            boxes.Add(new PixelRect(left, left + sizes[i].Width, centres[i] + sizes[i].Height / 2, centres[i] - sizes[i].Height / 2));
        }
        LastBoxes = boxes;
    }

    /// <summary>
    /// Centres for labels <paramref name="pitch"/> pixels tall (their height and the gap between them) that want to sit
    /// at <paramref name="wanted"/> (in any order; y grows downwards): no two closer than the pitch, in the same order,
    /// and each as near its wish as that allows: labels that would overlap form a block centred on their wishes' mean,
    /// kept between <paramref name="top"/> and <paramref name="bottom"/> when it fits there.
    /// </summary>
    public static IReadOnlyList<float> Spread(IReadOnlyList<float> wanted, float pitch, float top, float bottom)
    {
        var order = Enumerable.Range(0, wanted.Count).OrderBy(i => wanted[i]).ToList();
        // Blocks of consecutive labels: the first member's place in the order, their count, and the first one's centre.
        var blocks = new List<(int First, int Count, float Start)>();
        foreach (var index in Enumerable.Range(0, order.Count))
        {
            blocks.Add((index, 1, wanted[order[index]]));
            while (blocks.Count > 1 && blocks[^2].Start + blocks[^2].Count * pitch > blocks[^1].Start)
            {
                var (first, count) = (blocks[^2].First, blocks[^2].Count + blocks[^1].Count);
                float mean = Enumerable.Range(first, count).Average(k => wanted[order[k]]);
                blocks.RemoveRange(blocks.Count - 2, 2);
                blocks.Add((first, count, mean - (count - 1) * pitch / 2));
            }
        }
        var centres = new float[wanted.Count];
        foreach (var (first, count, start) in blocks)
            for (int k = 0; k < count; k++) centres[order[first + k]] = start + k * pitch;
        // Inside the bounds where they fit: from the bottom up, then from the top down, which has the last word.
        float limit = bottom - pitch / 2;
        for (int k = order.Count - 1; k >= 0; k--, limit -= pitch) centres[order[k]] = Math.Min(centres[order[k]], limit);
        limit = top + pitch / 2;
        for (int k = 0; k < order.Count; k++, limit += pitch) centres[order[k]] = Math.Max(centres[order[k]], limit);
        return centres;
    }
}

/// <summary>A label of <see cref="ReferenceLabels"/> for height <paramref name="Y"/> (in the y axis's units), in
/// <paramref name="Color"/> (null: the panel's style colour, grey).</summary>
public sealed record MarginLabel(string Text, double Y, Color? Color = null);
