using Microsoft.Extensions.Options;
using Sweeps.Data;
using Sweeps.Spec;

namespace Sweeps.Orchestration;

/// <summary>
/// Loads the datasets trials name and keeps them for the worker's lifetime, so the trials of a sweep
/// that share data read it once. Failures are not cached: a dataset fixed on disk loads next time.
/// </summary>
public sealed class DataCatalog(IOptions<SweepsOptions> options)
{
    private readonly Dictionary<string, object> _loaded = new();
    private readonly Lock _gate = new();

    public LabelledImages Train(DataConfig data) =>
        Load("train:" + options.Value.ResolveData(data.Train), () => ImageNet64Folder.ReadTrain(options.Value.ResolveData(data.Train)));

    public LabelledImages Val(DataConfig data) =>
        Load("val:" + options.Value.ResolveData(data.Val),
            () => ImageNet64Folder.ReadVal(options.Value.ResolveData(data.Val), Train(data).ClassCount));

    public TwoAfcSet TwoAfc(ScoreConfig score) =>
        Load("2afc:" + options.Value.ResolveData(score.Bapps), () => BappsTwoAfc.Read(options.Value.ResolveData(score.Bapps)));

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
