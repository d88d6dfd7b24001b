using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Reports a config path set twice in one block, e.g. once dotted and once nested.</summary>
internal sealed class SeenPaths(SpecErrorList errors)
{
    private readonly Dictionary<string, Mark> _firstKeys = [];

    /// <returns>False (after reporting) when the path was already set.</returns>
    public bool Claim(string path, YamlNode key, string keyPath)
    {
        if (_firstKeys.TryAdd(path, key.Start))
            return true;
        var first = _firstKeys[path];
        errors.Add(key, keyPath, $"{path} is already set at line {first.Line}, column {first.Column}");
        return false;
    }
}
