namespace Sweeps.Spec;

/// <summary>
/// Every path a sweep file may set, with its type and allowed range. Paths mirror
/// <see cref="TrialConfig"/>'s JSON names, so the stored config reads like the sweep file.
/// </summary>
internal static class ConfigSchema
{
    private static readonly ValueReader<string> NonEmptyText = ValueReaders.Text(ValueChecks.NonEmpty);

    public static IReadOnlyList<ConfigField> Fields { get; } =
    [
        new ConfigField<string>("model.family", ValueReaders.Text(ValueChecks.OneOf("resnet")),
            (c, v) => c with { Model = c.Model with { Family = v } }),
        new ConfigField<int>("model.depth", ValueReaders.Integer(ValueChecks.OneOf(6, 18)),
            (c, v) => c with { Model = c.Model with { Depth = v } }),
        new ConfigField<double>("model.width", ValueReaders.Number(ValueChecks.Above(0.0)),
            (c, v) => c with { Model = c.Model with { Width = v } }),
        new ConfigField<double>("model.dropout", ValueReaders.Number(ValueChecks.FromUpTo(0, 1)),
            (c, v) => c with { Model = c.Model with { Dropout = v } }),

        new ConfigField<string>("data.imagenet", NonEmptyText,
            (c, v) => c with { Data = c.Data with { Imagenet = v } }),
        new ConfigField<string>("data.crop", ValueReaders.Text(ValueChecks.OneOf("random", "central")),
            (c, v) => c with { Data = c.Data with { Crop = v } }),
        new ConfigField<bool>("data.flip", ValueReaders.Boolean(),
            (c, v) => c with { Data = c.Data with { Flip = v } }),

        new ConfigField<int>("train.epochs", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Train = c.Train with { Epochs = v } }),
        new ConfigField<int>("train.batch_size", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Train = c.Train with { BatchSize = v } }),
        new ConfigField<double>("train.learning_rate", ValueReaders.Number(ValueChecks.Above(0.0)),
            (c, v) => c with { Train = c.Train with { LearningRate = v } }),
        new ConfigField<double>("train.momentum", ValueReaders.Number(ValueChecks.FromUpTo(0, 1)),
            (c, v) => c with { Train = c.Train with { Momentum = v } }),
        new ConfigField<double>("train.warmup_epochs", ValueReaders.Number(ValueChecks.AtLeast(0.0)),
            (c, v) => c with { Train = c.Train with { WarmupEpochs = v } }),
        new ConfigField<double[]>("train.decay_at",
            new ListReader<double>("a list of fractions", ValueReaders.Number(ValueChecks.Fraction), ValueChecks.Ascending),
            (c, v) => c with { Train = c.Train with { DecayAt = v } }),
        new ConfigField<double>("train.decay_factor", ValueReaders.Number(ValueChecks.AboveUpTo(0, 1)),
            (c, v) => c with { Train = c.Train with { DecayFactor = v } }),
        new ConfigField<double>("train.weight_decay", ValueReaders.Number(ValueChecks.AtLeast(0.0)),
            (c, v) => c with { Train = c.Train with { WeightDecay = v } }),
        new ConfigField<double>("train.label_smoothing", ValueReaders.Number(ValueChecks.FromUpTo(0, 1)),
            (c, v) => c with { Train = c.Train with { LabelSmoothing = v } }),
        new ConfigField<int>("train.seed", ValueReaders.Integer(ValueChecks.AtLeast(0)),
            (c, v) => c with { Train = c.Train with { Seed = v } }),
        new ConfigField<string>("train.device", ValueReaders.Text(ValueChecks.Device),
            (c, v) => c with { Train = c.Train with { Device = v } }),

        new ConfigField<string>("score.bapps", NonEmptyText,
            (c, v) => c with { Score = c.Score with { Bapps = v } }),
        new ConfigField<string[]>("score.layers", new ListReader<string>("a list of layer names", ValueReaders.Text(ValueChecks.NonEmpty)),
            (c, v) => c with { Score = c.Score with { Layers = v } }),
    ];

    private static readonly Dictionary<string, ConfigField> ByPath = Fields.ToDictionary(f => f.Path);

    private static readonly string[] Sections = Fields.Select(f => f.Path[..f.Path.IndexOf('.')]).Distinct().ToArray();

    public static ConfigField? Find(string path) => ByPath.GetValueOrDefault(path);

    public static bool IsSection(string path) => Sections.Contains(path);

    /// <summary>
    /// Names a key may take under <paramref name="prefix"/> ("" or "model."): the next level
    /// (sections, or fields of a section) followed by full dotted paths, for suggestions.
    /// </summary>
    public static IReadOnlyList<string> KeysUnder(string prefix)
    {
        var paths = Fields.Select(f => f.Path).Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p[prefix.Length..]).ToList();
        var nextLevel = paths.Select(p => p.Split('.')[0]).Distinct();
        return nextLevel.Concat(paths).Distinct().ToList();
    }
}
