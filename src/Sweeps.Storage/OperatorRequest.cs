namespace Sweeps.Storage;

/// <summary>What an operator asked of a running trial; its worker acts on it at the next step boundary,
/// after a checkpoint. Stored by name.</summary>
public enum OperatorRequest
{
    Cancel,
    Pause,
}
