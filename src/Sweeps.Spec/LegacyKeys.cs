using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Sweeps.Spec;

/// <summary>
/// Configuration keys added after trials and checkpoints were first stored (issue 16: training
/// fidelity), each with the value that a stored configuration without the key always meant. A
/// stored configuration missing such a key reads as that value, so old checkpoints rebuild the model
/// they were trained as; and a key at that value is left out of the JSON that is hashed, so a trial
/// the new keys do not change keeps its hash, while one they change gets a new hash.
/// </summary>
internal static class LegacyKeys
{
    private sealed record LegacyKey(Type Owner, string Section, string Name, object Value);

    private static readonly LegacyKey[] Keys =
    [
        new(typeof(ModelConfig), "model", "zero_init_residual", false),
        new(typeof(ModelConfig), "model", "initialisation", ModelConfig.TorchVisionInitialisation),
        new(typeof(ModelConfig), "model", "pool_padding", ModelConfig.SymmetricPoolPadding),
        new(typeof(ModelConfig), "model", "extra_depth", ModelConfig.IdentityBlocksExtraDepth),
        new(typeof(ModelConfig), "model", "input_normalisation", ModelConfig.ImageNetInputNormalisation),
        new(typeof(ScoreConfig), "score", "style_normalisation", ScoreConfig.PositionsStyleNormalisation),
    ];

    /// <summary>Adds every missing legacy key of a stored configuration with its legacy value.</summary>
    public static void FillMissing(JsonObject config)
    {
        foreach (var key in Keys)
        {
            if (config[key.Section] is JsonObject section && !section.ContainsKey(key.Name))
                section[key.Name] = key.Value switch
                {
                    bool flag => JsonValue.Create(flag),
                    string text => JsonValue.Create(text),
                    _ => throw new InvalidOperationException($"Legacy key {key.Section}.{key.Name} has an unsupported type."),
                };
        }
    }

    /// <summary>A serialiser modifier that leaves out every legacy key holding its legacy value.</summary>
    public static void OmitLegacyValues(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (Keys.FirstOrDefault(key => key.Owner == typeInfo.Type && key.Name == property.Name) is { } key)
                property.ShouldSerialize = (_, value) => !Equals(value, key.Value);
        }
    }
}
