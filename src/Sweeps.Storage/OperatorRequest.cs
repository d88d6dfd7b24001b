namespace Sweeps.Storage;

/// <summary>What was asked of a running trial; its worker acts on it at the next step boundary, after a
/// checkpoint. Cancel and pause come from an operator, stop from the sweep's early-stopping rule (with its
/// reason in <see cref="Trial.RequestReason"/>). Stored by name.</summary>
public enum OperatorRequest
{
    Cancel,
    Pause,
    Stop,
}
