using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Data;
using Sweeps.Spec;

namespace Sweeps.Orchestration;

/// <summary>
/// Loads the datasets trials name, in any supported layout (prepared folders are memory-mapped), and
/// keeps them for the worker's lifetime, so the trials of a sweep that share data read it once.
/// Failures are not cached: a dataset fixed on disk loads next time.
/// </summary>
public sealed class DataCatalog(IOptions<SweepsOptions> options, ILogger<DataCatalog> logger)
{
    private readonly Dictionary<string, object> _loaded = new();
    private readonly Lock _gate = new();

    /// <summary>The training images, restricted to the configured class subset.</summary>
    public LabelledImages Train(DataConfig data)
    {
        var all = FullTrain(data);
        return IsSubset(data)
            ? Load($"train:{all.Source}:{SubsetKey(data)}", () => Subset(data, all).Apply(all))
            : all;
    }

    /// <summary>The validation images, labelled like the training images and restricted to the same classes.</summary>
    public LabelledImages Val(DataConfig data)
    {
        var train = FullTrain(data);
        var path = options.Value.ResolveData(data.Val);
        var all = Load($"val:{path}:{train.Source}", () => Announce(ImageDataset.ReadVal(path, train.ClassCount, train.ClassNames)));
        return IsSubset(data)
            ? Load($"val:{path}:{train.Source}:{SubsetKey(data)}", () => Subset(data, train).Apply(all))
            : all;
    }

    public TwoAfcSet TwoAfc(ScoreConfig score)
    {
        var path = options.Value.ResolveData(score.Bapps);
        return Load("2afc:" + path, () => ImageDataset.ReadTwoAfc(path));
    }

    /// <summary>The JND categories to score, none when the trial asks for no JND.</summary>
    public IReadOnlyList<JndCategory> Jnd(ScoreConfig score)
    {
        if (score.Jnd.Length == 0) return [];
        var path = options.Value.ResolveData(score.Jnd);
        return Load("jnd:" + path, () => ImageDataset.ReadJnd(path)).Categories;
    }

    private LabelledImages FullTrain(DataConfig data)
    {
        var path = options.Value.ResolveData(data.Train);
        return Load("train:" + path, () => Announce(ImageDataset.ReadTrain(path)));
    }

    private LabelledImages Announce(LabelledImages images)
    {
        if (images.PreparedFrom is not null)
            logger.LogInformation("Reading prepared data {Source} (prepared from {Original})", images.Source, images.PreparedFrom);
        return images;
    }

    private static bool IsSubset(DataConfig data) => data.Classes > 0 || data.ClassList.Length > 0;

    private static string SubsetKey(DataConfig data) => $"{data.Classes}/{string.Join(',', data.ClassList)}/{data.ClassSeed}";

    private static ClassSubset Subset(DataConfig data, LabelledImages train) =>
        ClassSubset.Choose(train.ClassCount, data.Classes, data.ClassList, data.ClassSeed);

    private T Load<T>(string key, Func<T> read) where T : class
    {
        lock (_gate)
        {
            if (_loaded.TryGetValue(key, out var cached)) return (T)cached;
        }
        var value = read();
        lock (_gate)
        {
            _loaded[key] = value;
        }
        return value;
    }
}
