using System.Globalization;
using System.Text;

namespace Sweeps.Spec;

/// <summary>
/// Expands every sweep file under a folder and estimates its GPU-hours with <see cref="TrainingCost"/>,
/// to generate experiments/README.md's table (a test keeps the committed table equal to it).
/// </summary>
public static class ExperimentCatalog
{
    /// <summary>The demo data's size (Sweeps.Data's DemoDataOptions defaults: 10 classes x 1,000 training images).</summary>
    private const string DemoTrainPath = "demo/imagenet64";
    private const int DemoClasses = 10;
    private const long DemoTrainImages = 10_000;
    private const int ImageNetClasses = 1000;

    /// <summary>Every <c>*.yaml</c> under <paramref name="folder"/> (recursively), ordered by relative path.</summary>
    /// <exception cref="SweepSpecException">A file is invalid.</exception>
    public static IReadOnlyList<ExperimentCost> Load(string folder) =>
        Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(folder, path).Replace('\\', '/')))
            .OrderBy(file => file.Relative, StringComparer.Ordinal)
            .Select(file =>
            {
                var sweep = SweepFile.Load(file.Path);
                return new ExperimentCost(file.Relative, sweep.Name, sweep.Trials.Count, sweep.Trials.Sum(t => GpuHours(t.Config)));
            })
            .ToList();

    /// <summary>
    /// Training GPU-hours of one trial. The training set is the demo data for <c>demo/imagenet64</c>
    /// and downsampled ImageNet otherwise, reduced in proportion when a class subset is trained.
    /// </summary>
    public static double GpuHours(TrialConfig config)
    {
        var isDemo = config.Data.Train == DemoTrainPath;
        var (allClasses, allImages) = isDemo ? (DemoClasses, DemoTrainImages) : (ImageNetClasses, TrainingCost.ImageNetTrainImages);
        var classes = config.Data.ClassList.Length > 0 ? config.Data.ClassList.Length
            : config.Data.Classes > 0 ? Math.Min(config.Data.Classes, allClasses)
            : allClasses;
        return TrainingCost.GpuHours(config, allImages * classes / allClasses, classes);
    }

    /// <summary>A Markdown table: file, sweep name, trials, GPU-hours, and a total row.</summary>
    public static string MarkdownTable(IReadOnlyList<ExperimentCost> experiments)
    {
        var table = new StringBuilder();
        table.Append("| file | sweep | trials | GPU-hours |\n|---|---|---:|---:|\n");
        foreach (var experiment in experiments)
            table.Append(CultureInfo.InvariantCulture, $"| {experiment.File} | {experiment.Name} | {experiment.Trials} | {Hours(experiment.GpuHours)} |\n");
        table.Append(CultureInfo.InvariantCulture,
            $"| **total** | | **{experiments.Sum(e => e.Trials)}** | **{Hours(experiments.Sum(e => e.GpuHours))}** |\n");
        return table.ToString();
    }

    private static string Hours(double hours) =>
        hours < 0.01 ? "<0.01"
        : hours < 10 ? hours.ToString("0.00", CultureInfo.InvariantCulture)
        : hours.ToString("#,0", CultureInfo.InvariantCulture);
}
