using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>
/// Reports a config path set twice where once is the limit: in one block (once dotted and once
/// nested), across parameters and zip, or in a condition that would change what is varied or tested.
/// </summary>
internal sealed class SeenPaths(SpecErrorList errors)
{
    /// <summary>What to report when a claimed path is claimed again.</summary>
    private readonly Dictionary<string, string> _claimedAgain = [];

    /// <returns>False (after reporting) when the path was already set or reserved.</returns>
    public bool Claim(string path, YamlNode key, string keyPath)
    {
        if (_claimedAgain.TryAdd(path, $"{path} is already set at {Place(key.Start)}"))
            return true;
        errors.Add(key, keyPath, _claimedAgain[path]);
        return false;
    }

    /// <summary>Makes claiming <paramref name="path"/> an error that says <paramref name="message"/>.</summary>
    public void Reserve(string path, string message) => _claimedAgain.TryAdd(path, message);

    public static string Place(Mark at) => $"line {at.Line}, column {at.Column}";

    public SeenPaths Copy(SpecErrorList into)
    {
        var copy = new SeenPaths(into);
        foreach (var (path, message) in _claimedAgain)
            copy._claimedAgain.Add(path, message);
        return copy;
    }
}
