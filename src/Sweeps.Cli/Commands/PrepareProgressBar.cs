using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Sweeps.Data;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Shows <see cref="PackedData.Prepare"/>'s progress on a Spectre progress task (a bar of images done
/// when the total is known, a spinner otherwise) and measures the image megabytes written per second.
/// Reports arrive synchronously on the preparing thread, so they are never out of order.
/// </summary>
public sealed class PrepareProgressBar(ProgressTask task, bool resuming) : IProgress<PrepareProgress>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    // A fresh run starts from zero bytes at time zero; a resumed one only tells how much it had already
    // written in its first report, so its rate is measured from that report on.
    private (TimeSpan At, long Bytes)? baseline = resuming ? null : (TimeSpan.Zero, 0);
    private (TimeSpan At, long Bytes)? latest;

    /// <summary>False when the folder was already prepared and nothing was written.</summary>
    public bool WroteAnything => latest is not null;

    /// <summary>Image megabytes written per second in this run; null when too little was written to tell.</summary>
    public double? MegabytesPerSecond =>
        baseline is { } start && latest is { } end && end.At > start.At && end.Bytes > start.Bytes
            ? (end.Bytes - start.Bytes) / 1e6 / (end.At - start.At).TotalSeconds
            : null;

    public void Report(PrepareProgress value)
    {
        latest = (clock.Elapsed, value.BytesDone);
        baseline ??= latest;
        if (value.ImagesTotal is { } total)
        {
            task.IsIndeterminate = false;
            task.MaxValue = total;
            task.Value = value.ImagesDone;
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{value.Split}: {value.ImagesDone:N0}/{total:N0} images, {value.BytesDone / 1e6:F1}/{value.BytesTotal / 1e6:F1} MB"));
        }
        else
        {
            task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{value.Split}: {value.ImagesDone:N0} images, {value.BytesDone / 1e6:F1} MB"));
        }
    }
}
