namespace Sweeps.Spec;

/// <summary>
/// Every path a sweep file may set, with its type and allowed range. Paths mirror
/// <see cref="TrialConfig"/>'s JSON names, so the stored config reads like the sweep file;
/// <c>model.preset</c> is the one path that is not stored (see <see cref="ModelPresets"/>).
/// </summary>
internal static class ConfigSchema
{
    private static readonly ValueReader<string> NonEmptyText = ValueReaders.Text(ValueChecks.NonEmpty);

    public static IReadOnlyList<ConfigField> Fields { get; } =
    [
        new ConfigField<string>("model.family", ValueReaders.Text(ValueChecks.OneOf("resnet", "vit")),
            (c, v) => c with { Model = c.Model with { Family = v } }),
        new ConfigField<string>(ModelPresets.Path, ValueReaders.Text(ValueChecks.OneOf(ModelPresets.Names.ToArray())), ModelPresets.Apply),
        // The depths a family allows are checked once the family is known (TrialChecks).
        new ConfigField<int>("model.depth", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Model = c.Model with { Depth = v } }),
        new ConfigField<double>("model.width", ValueReaders.Number(ValueChecks.Above(0.0)),
            (c, v) => c with { Model = c.Model with { Width = v } }),
        new ConfigField<double>("model.dropout", ValueReaders.Number(ValueChecks.FromUpTo(0, 1)),
            (c, v) => c with { Model = c.Model with { Dropout = v } }),
        new ConfigField<bool>("model.skip", ValueReaders.Boolean(),
            (c, v) => c with { Model = c.Model with { Skip = v } }),
        new ConfigField<double>("model.batch_norm_momentum", ValueReaders.Number(ValueChecks.AboveUpTo(0, 1)),
            (c, v) => c with { Model = c.Model with { BatchNormMomentum = v } }),
        new ConfigField<int>("model.patch_size", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Model = c.Model with { PatchSize = v } }),
        new ConfigField<int>("model.hidden_size", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Model = c.Model with { HiddenSize = v } }),
        new ConfigField<int>("model.heads", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Model = c.Model with { Heads = v } }),
        new ConfigField<int>("model.mlp_size", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Model = c.Model with { MlpSize = v } }),
        new ConfigField<bool>("model.zero_init_residual", ValueReaders.Boolean(),
            (c, v) => c with { Model = c.Model with { ZeroInitResidual = v } }),
        new ConfigField<string>("model.initialisation",
            ValueReaders.Text(ValueChecks.OneOf(ModelConfig.StudyInitialisation, ModelConfig.TorchVisionInitialisation)),
            (c, v) => c with { Model = c.Model with { Initialisation = v } }),
        new ConfigField<string>("model.pool_padding",
            ValueReaders.Text(ValueChecks.OneOf(ModelConfig.SamePoolPadding, ModelConfig.SymmetricPoolPadding)),
            (c, v) => c with { Model = c.Model with { PoolPadding = v } }),
        new ConfigField<string>("model.extra_depth",
            ValueReaders.Text(ValueChecks.OneOf(ModelConfig.BasicBlocksExtraDepth, ModelConfig.IdentityBlocksExtraDepth)),
            (c, v) => c with { Model = c.Model with { ExtraDepth = v } }),
        new ConfigField<string>("model.input_normalisation",
            ValueReaders.Text(ValueChecks.OneOf(ModelConfig.ImageNetInputNormalisation, ModelConfig.MinusOneToOneInputNormalisation)),
            (c, v) => c with { Model = c.Model with { InputNormalisation = v } }),

        new ConfigField<string>("data.train", NonEmptyText,
            (c, v) => c with { Data = c.Data with { Train = v } }),
        new ConfigField<string>("data.val", NonEmptyText,
            (c, v) => c with { Data = c.Data with { Val = v } }),
        new ConfigField<string>("data.crop", ValueReaders.Text(ValueChecks.OneOf("random", "central")),
            (c, v) => c with { Data = c.Data with { Crop = v } }),
        new ConfigField<bool>("data.flip", ValueReaders.Boolean(),
            (c, v) => c with { Data = c.Data with { Flip = v } }),
        new ConfigField<int>("data.classes", ValueReaders.Integer(ValueChecks.AtLeast(0)),
            (c, v) => c with { Data = c.Data with { Classes = v } }),
        new ConfigField<int[]>("data.class_list", new ListReader<int>("a list of class indices", ValueReaders.Integer(ValueChecks.AtLeast(0)), distinct: true),
            (c, v) => c with { Data = c.Data with { ClassList = v } }),
        new ConfigField<int>("data.class_seed", ValueReaders.Integer(ValueChecks.AtLeast(0)),
            (c, v) => c with { Data = c.Data with { ClassSeed = v } }),

        new ConfigField<int>("train.epochs", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Train = c.Train with { Epochs = v } }),
        new ConfigField<int>("train.steps", ValueReaders.Integer(ValueChecks.AtLeast(0)),
            (c, v) => c with { Train = c.Train with { Steps = v } }),
        new ConfigField<int>("train.batch_size", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Train = c.Train with { BatchSize = v } }),
        new ConfigField<string>("train.optimizer", ValueReaders.Text(ValueChecks.OneOf("sgd", "adamw")),
            (c, v) => c with { Train = c.Train with { Optimizer = v } }),
        new ConfigField<double>("train.learning_rate", ValueReaders.Number(ValueChecks.Above(0.0)),
            (c, v) => c with { Train = c.Train with { LearningRate = v } }),
        new ConfigField<double>("train.momentum", ValueReaders.Number(ValueChecks.FromUpTo(0, 1)),
            (c, v) => c with { Train = c.Train with { Momentum = v } }),
        new ConfigField<double>("train.beta2", ValueReaders.Number(ValueChecks.FromUpTo(0, 1)),
            (c, v) => c with { Train = c.Train with { Beta2 = v } }),
        new ConfigField<string>("train.schedule", ValueReaders.Text(ValueChecks.OneOf("step", "cosine")),
            (c, v) => c with { Train = c.Train with { Schedule = v } }),
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

        new ConfigField<int>("checkpoint.every_steps", ValueReaders.Integer(ValueChecks.AtLeast(0)),
            (c, v) => c with { Checkpoint = c.Checkpoint with { EverySteps = v } }),
        new ConfigField<string>("checkpoint.keep", ValueReaders.Text(ValueChecks.OneOf("all", "last", "best")),
            (c, v) => c with { Checkpoint = c.Checkpoint with { Keep = v } }),
        new ConfigField<int>("checkpoint.keep_last", ValueReaders.Integer(ValueChecks.AtLeast(1)),
            (c, v) => c with { Checkpoint = c.Checkpoint with { KeepLast = v } }),

        new ConfigField<string>("score.bapps", NonEmptyText,
            (c, v) => c with { Score = c.Score with { Bapps = v } }),
        new ConfigField<string[]>("score.categories", new ListReader<string>("a list of category names", ValueReaders.Text(ValueChecks.NonEmpty)),
            (c, v) => c with { Score = c.Score with { Categories = v } }),
        new ConfigField<string>("score.jnd", ValueReaders.Text(),
            (c, v) => c with { Score = c.Score with { Jnd = v } }),
        new ConfigField<string[]>("score.layers", new ListReader<string>("a list of layer names", ValueReaders.Text(ValueChecks.NonEmpty)),
            (c, v) => c with { Score = c.Score with { Layers = v } }),
        new ConfigField<string[]>("score.functions", new ListReader<string>("a list of perceptual functions", ValueReaders.Text(ValueChecks.OneOf("lpips", "meanpool", "style"))),
            (c, v) => c with { Score = c.Score with { Functions = v } }),
        new ConfigField<string>("score.style_normalisation",
            ValueReaders.Text(ValueChecks.OneOf(ScoreConfig.PositionsStyleNormalisation, ScoreConfig.NoStyleNormalisation)),
            (c, v) => c with { Score = c.Score with { StyleNormalisation = v } }),
    ];

    private static readonly Dictionary<string, ConfigField> ByPath = Fields.ToDictionary(f => f.Path);

    public static IReadOnlyList<string> Sections { get; } = Fields.Select(f => f.Path[..f.Path.IndexOf('.')]).Distinct().ToArray();

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
