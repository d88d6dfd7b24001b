using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweeps.Spec;

/// <summary>
/// Follows the events YamlDotNet parses so that a scanner failure that carries no position
/// (it throws a bare InvalidOperationException on some unclosed flow lists) can still be located.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    private readonly Stack<(bool IsFlow, Mark Start)> _openCollections = new();

    /// <summary>Where the last successfully parsed event ended.</summary>
    public Mark LastGoodPosition { get; private set; } = new(0, 1, 1);

    /// <summary>The start of the innermost <c>[...]</c> or <c>{...}</c> still open, if any.</summary>
    public Mark? OpenFlowCollection =>
        _openCollections.FirstOrDefault(open => open.IsFlow) is { IsFlow: true } innermost ? innermost.Start : null;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
            return false;
        switch (inner.Current)
        {
            case SequenceStart sequence:
                _openCollections.Push((sequence.Style == SequenceStyle.Flow, sequence.Start));
                break;
            case MappingStart mapping:
                _openCollections.Push((mapping.Style == MappingStyle.Flow, mapping.Start));
                break;
            case SequenceEnd or MappingEnd:
                _openCollections.Pop();
                break;
        }
        LastGoodPosition = inner.Current!.End;
        return true;
    }
}
