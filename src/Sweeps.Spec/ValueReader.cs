using System.Diagnostics.CodeAnalysis;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Reads one typed value from a node, reporting type and range problems at the node itself.</summary>
internal abstract class ValueReader<T> where T : notnull
{
    public abstract bool TryRead(YamlNode node, string keyPath, SpecErrorList errors, [MaybeNullWhen(false)] out T value);

    /// <summary>The value as it appears in trial labels.</summary>
    public abstract string Format(T value);
}
