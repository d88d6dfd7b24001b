using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sweeps.Spec;

/// <summary>
/// The JSON Schema (draft 2020-12) of sweep files, generated from the same tables the reader
/// validates with (<see cref="ConfigSchema"/>, the parameter-block keys, the top-level grammar),
/// for editors' completion and checking. Committed as experiments/sweep.schema.json. Checks that
/// need the whole trial (family-dependent ranges, data paths) are the reader's alone.
/// </summary>
public static class SweepSchema
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The schema as indented JSON text ending in a newline.</summary>
    public static string Generate()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "sweep.schema.json",
            ["title"] = "Sweeps sweep file",
            ["description"] = "A sweep: base settings, what varies (parameters, zip, conditions) or an explicit trial list. See experiments/README.md.",
            ["type"] = "object",
            ["required"] = new JsonArray("name"),
            ["additionalProperties"] = false,
            ["properties"] = TopLevel(),
            ["$defs"] = Definitions(),
        };
        return schema.ToJsonString(Indented) + "\n";
    }

    private static JsonObject TopLevel() => new()
    {
        [SweepReader.NameKey] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
        [SweepReader.DescriptionKey] = new JsonObject { ["type"] = "string" },
        [SweepReader.MethodKey] = new JsonObject { ["enum"] = Strings(SweepReader.MethodNames), ["default"] = "grid" },
        [SweepReader.MetricKey] = Closed(new JsonObject
        {
            ["name"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 },
            ["goal"] = new JsonObject { ["enum"] = Strings(["maximize", "minimize"]), ["default"] = "minimize" },
        }, required: ["name"]),
        [SweepReader.RunCapKey] = SweepReader.RunCapReader.Schema(),
        [SweepReader.SeedKey] = SweepReader.SeedReader.Schema(),
        [SweepReader.PriorityKey] = SweepReader.PriorityReader.Schema(),
        [SweepReader.EarlyTerminateKey] = EarlyTerminate(),
        [SweepReader.RepeatsKey] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["default"] = 1 },
        [SweepReader.BaseKey] = Ref("settings"),
        [SweepReader.ParametersKey] = Ref("parameters"),
        [SweepReader.ZipKey] = Ref("zip"),
        [SweepReader.ConditionsKey] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Ref("condition") },
        [SweepReader.TrialsKey] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Ref("settings") },
    };

    /// <summary>One closed object per <c>type</c>, told apart by the type's constant.</summary>
    private static JsonObject EarlyTerminate()
    {
        var hyperband = Closed(new JsonObject
        {
            ["type"] = new JsonObject { ["const"] = "hyperband" },
            ["min_iter"] = EarlyTerminateReader.Iterations.Schema(),
            ["max_iter"] = EarlyTerminateReader.Iterations.Schema(),
            ["s"] = EarlyTerminateReader.Iterations.Schema(),
            ["eta"] = WithDefault(EarlyTerminateReader.HalvingRate.Schema(), EarlyTerminateReader.DefaultEta),
            ["strict"] = WithDefault(EarlyTerminateReader.Flag.Schema(), EarlyTerminateReader.DefaultStrict),
        }, required: ["type"]);
        hyperband["anyOf"] = new JsonArray(
            new JsonObject { ["required"] = Strings(["max_iter", "s"]) },
            new JsonObject { ["required"] = Strings(["min_iter"]) });
        var peak = Closed(new JsonObject
        {
            ["type"] = new JsonObject { ["const"] = "peak" },
            ["metric"] = EarlyTerminateReader.PeakMetric.Schema(),
            ["patience"] = EarlyTerminateReader.Patience.Schema(),
            ["min_delta"] = WithDefault(EarlyTerminateReader.NonNegativeNumber.Schema(), EarlyTerminateReader.DefaultMinDelta),
            [EarlyTerminateReader.LearnedPeakKey] = Closed(new JsonObject
            {
                ["margin"] = EarlyTerminateReader.NonNegativeNumber.Schema(),
                ["min_finished"] = WithDefault(EarlyTerminateReader.MinFinished.Schema(), EarlyTerminateReader.DefaultMinFinished),
            }, required: ["margin"]),
        }, required: ["type", "metric", "patience"]);
        var median = Closed(new JsonObject
        {
            ["type"] = new JsonObject { ["const"] = "median" },
            ["n_startup_trials"] = WithDefault(EarlyTerminateReader.Count.Schema(), EarlyTerminateReader.DefaultStartupTrials),
            ["n_warmup_steps"] = WithDefault(EarlyTerminateReader.Count.Schema(), EarlyTerminateReader.DefaultWarmupSteps),
            ["interval_steps"] = WithDefault(EarlyTerminateReader.Interval.Schema(), EarlyTerminateReader.DefaultIntervalSteps),
        }, required: ["type"]);
        return new JsonObject { ["oneOf"] = new JsonArray(hyperband, peak, median) };
    }

    private static JsonObject WithDefault<T>(JsonObject schema, T value)
    {
        schema["default"] = JsonValue.Create(value);
        return schema;
    }

    private static JsonObject Definitions()
    {
        var defaults = JsonNode.Parse(new TrialConfig().ToJson())!;
        var values = new JsonObject();
        var blocks = new JsonObject();
        foreach (var field in ConfigSchema.Fields)
        {
            var value = field.Schema();
            var (section, leaf) = Split(field.Path);
            if (defaults[section]?[leaf] is { } fallback)
                value["default"] = fallback.DeepClone();
            values[field.Path] = value;
            blocks[field.Path] = ParameterBlock(field);
        }
        return new JsonObject
        {
            ["value"] = values,
            ["parameter"] = blocks,
            ["settings"] = Closed(ByPath(field => ValueRef(field))),
            ["parameters"] = Closed(ByPath(field => Ref($"parameter/{Escape(field.Path)}"), nestUnder: "parameters")),
            ["zipGroup"] = Closed(ByPath(field => ValueList(field))),
            ["zip"] = new JsonObject
            {
                ["anyOf"] = new JsonArray(Ref("zipGroup"), new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = Ref("zipGroup") }),
            },
            ["condition"] = Closed(new JsonObject
            {
                ["when"] = Ref("settings"),
                ["base"] = Ref("settings"),
                ["parameters"] = Ref("parameters"),
                ["zip"] = Ref("zip"),
            }, required: ["when"]),
        };
    }

    /// <summary>A parameter's block: <c>value</c>, <c>values</c>, or a distribution with min/max/q.</summary>
    private static JsonObject ParameterBlock(ConfigField field)
    {
        var distributions = ParameterBlockReader.Distributions
            .Where(d => d.Value == DistributionKind.Categorical || field.NumberKind != NumberKind.None)
            .Select(d => d.Key);
        var properties = new JsonObject
        {
            ["value"] = ValueRef(field),
            ["values"] = ValueList(field),
            ["distribution"] = new JsonObject { ["enum"] = Strings(distributions) },
        };
        if (field.NumberKind != NumberKind.None)
        {
            properties["min"] = new JsonObject { ["type"] = "number" };
            properties["max"] = new JsonObject { ["type"] = "number" };
            properties["q"] = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0, ["default"] = 1 };
        }
        return Closed(properties);
    }

    /// <summary>
    /// Properties for every config path, both dotted (<c>model.depth</c>) and nested under its
    /// section (<c>model: { depth }</c>, or <c>model: { parameters: { depth } }</c> with <paramref name="nestUnder"/>).
    /// </summary>
    private static JsonObject ByPath(Func<ConfigField, JsonNode> schemaOf, string? nestUnder = null)
    {
        var properties = new JsonObject();
        foreach (var section in ConfigSchema.Sections)
        {
            var leaves = new JsonObject();
            foreach (var field in ConfigSchema.Fields.Where(f => Split(f.Path).Section == section))
                leaves[Split(field.Path).Leaf] = schemaOf(field);
            properties[section] = nestUnder is null ? Closed(leaves) : Closed(new JsonObject { [nestUnder] = Closed(leaves) });
        }
        foreach (var field in ConfigSchema.Fields)
            properties[field.Path] = schemaOf(field);
        return properties;
    }

    private static JsonObject ValueRef(ConfigField field) => Ref($"value/{Escape(field.Path)}");

    private static JsonObject ValueList(ConfigField field) =>
        new() { ["type"] = "array", ["minItems"] = 1, ["items"] = ValueRef(field) };

    private static JsonObject Closed(JsonObject properties, string[]? required = null)
    {
        var schema = new JsonObject { ["type"] = "object" };
        if (required is not null)
            schema["required"] = Strings(required);
        schema["additionalProperties"] = false;
        schema["properties"] = properties;
        return schema;
    }

    private static JsonObject Ref(string definition) => new() { ["$ref"] = $"#/$defs/{definition}" };

    /// <summary>JSON Pointer escaping of a definition name.</summary>
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static (string Section, string Leaf) Split(string path) => (path[..path.IndexOf('.')], path[(path.IndexOf('.') + 1)..]);

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
