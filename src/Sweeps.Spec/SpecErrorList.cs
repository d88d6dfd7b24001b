using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Collects every problem of one file so they can be reported together.</summary>
internal sealed class SpecErrorList(string fileName)
{
    private readonly List<SpecError> _errors = [];
    // Every trial of a grid is checked, so one bad value would otherwise be reported once per trial.
    private readonly HashSet<SpecError> _reported = [];

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Count;

    public void Add(Mark position, string keyPath, string message)
    {
        var error = new SpecError(fileName, (int)position.Line, (int)position.Column, keyPath, message);
        if (_reported.Add(error))
            _errors.Add(error);
    }

    public void Add(YamlNode node, string keyPath, string message) => Add(node.Start, keyPath, message);

    public SweepSpecException ToException() =>
        new(_errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());

    public void ThrowIfAny()
    {
        if (Any)
            throw ToException();
    }
}
