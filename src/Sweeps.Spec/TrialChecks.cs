namespace Sweeps.Spec;

/// <summary>
/// Checks that need a trial's whole resolved configuration: family-dependent ranges, settings that
/// contradict each other, and (when asked) data paths. Each problem is reported at the setting
/// that caused it, the last one written among those involved (else a preset that set it).
/// </summary>
internal sealed class TrialChecks(SweepValidation validation, SpecErrorList errors)
{
    private static readonly int[] ResNetDepths = [2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 34, 50, 101, 152, 200];
    private const int ImageSide = 64;

    private readonly Dictionary<string, bool> _pathExists = [];

    public void Check(TrialConfig config, IReadOnlyList<Assignment> settings, Configuration configuration)
    {
        var model = config.Model;
        if (model.Family == "resnet" && !ResNetDepths.Contains(model.Depth))
            Report(settings, configuration, ["model.depth", "model.family"],
                $"expected a resnet depth ({ValueChecks.Alternatives(ResNetDepths.Select(d => ValueText.Format(d)).ToArray())}), got {model.Depth}");
        if (model.Family == "vit" && model.HiddenSize % model.Heads != 0)
            Report(settings, configuration, ["model.hidden_size", "model.heads", "model.family"],
                $"a vit's hidden_size ({model.HiddenSize}) must be divisible by its heads ({model.Heads})");
        if (model.Family == "vit" && ImageSide % model.PatchSize != 0)
            Report(settings, configuration, ["model.patch_size", "model.family"],
                $"expected a vit patch size dividing {ImageSide} (1, 2, 4, 8, 16, 32 or 64), got {model.PatchSize}");

        if (config.Train.Steps > 0 && Last(settings, ["train.epochs"]) is { } epochs)
            Report(settings, configuration, ["train.steps"],
                $"train.epochs (line {epochs.Node.Start.Line}) is ignored when train.steps is set; set only one");
        if (config.Train.Steps > 0 && config.Checkpoint.EverySteps > config.Train.Steps)
            Report(settings, configuration, ["checkpoint.every_steps", "train.steps"],
                $"checkpoint.every_steps ({config.Checkpoint.EverySteps}) is more than train.steps ({config.Train.Steps}), so no step checkpoint would be saved");

        if (validation.DeviceProblem is { } deviceProblem && config.Train.Device.Length > 0
            && deviceProblem(config.Train.Device) is { } problem)
            Report(settings, configuration, ["train.device"], problem);
        if (validation.DataPathExists is { } exists)
        {
            CheckPath(exists, settings, configuration, "data.train", config.Data.Train);
            CheckPath(exists, settings, configuration, "data.val", config.Data.Val);
            CheckPath(exists, settings, configuration, "score.bapps", config.Score.Bapps);
            if (config.Score.Jnd.Length > 0)
                CheckPath(exists, settings, configuration, "score.jnd", config.Score.Jnd);
        }
    }

    private void CheckPath(Func<string, bool> exists, IReadOnlyList<Assignment> settings, Configuration configuration, string path, string value)
    {
        if (!_pathExists.TryGetValue(value, out var found))
            _pathExists[value] = found = exists(value);
        if (found)
            return;
        if (Last(settings, [path]) is { } setting)
            errors.Add(setting.Node, setting.KeyPath, $"data path '{value}' does not exist");
        else
            errors.Add(configuration.Source, path, $"the default data path '{value}' does not exist; set {path}");
    }

    private void Report(IReadOnlyList<Assignment> settings, Configuration configuration, string[] paths, string message)
    {
        if (Last(settings, paths) is { } setting)
            errors.Add(setting.Node, setting.KeyPath, message);
        else
            errors.Add(configuration.Source, configuration.SourceKeyPath, message);
    }

    /// <summary>The last explicit setting of any of <paramref name="paths"/>, else a preset that sets one of them.</summary>
    private static Assignment? Last(IReadOnlyList<Assignment> settings, string[] paths) =>
        settings.LastOrDefault(s => paths.Contains(s.Path))
        ?? settings.LastOrDefault(s => s.Path == ModelPresets.Path && paths.Intersect(ModelPresets.SetPaths).Any());
}
