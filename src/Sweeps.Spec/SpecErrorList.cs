using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Spec;

/// <summary>Collects every problem of one file so they can be reported together.</summary>
internal sealed class SpecErrorList(string fileName)
{
    private readonly List<SpecError> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(Mark position, string keyPath, string message) =>
        _errors.Add(new SpecError(fileName, (int)position.Line, (int)position.Column, keyPath, message));

    public void Add(YamlNode node, string keyPath, string message) => Add(node.Start, keyPath, message);

    public SweepSpecException ToException() =>
        new(_errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());

    public void ThrowIfAny()
    {
        if (Any)
            throw ToException();
    }
}
