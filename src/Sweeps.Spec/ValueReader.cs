using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Reads one typed value from a node, reporting type and range problems at the node itself.</summary>
internal abstract class ValueReader<T> where T : notnull
{
    public abstract bool TryRead(YamlNode node, string keyPath, SpecErrorList errors, [MaybeNullWhen(false)] out T value);

    /// <summary>What was expected when <paramref name="value"/> (e.g. a sampled one) is out of range, else null.</summary>
    public virtual string? Check(T value) => null;

    /// <summary>The value as it appears in trial labels.</summary>
    public abstract string Format(T value);

    /// <summary>The JSON Schema of the values this reader accepts.</summary>
    public abstract JsonObject Schema();
}
