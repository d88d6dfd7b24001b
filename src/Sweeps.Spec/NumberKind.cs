namespace Sweeps.Spec;

/// <summary>Which numeric distributions a config field can take its values from.</summary>
internal enum NumberKind
{
    /// <summary>Text, booleans and lists: only <c>values</c> (categorical).</summary>
    None,

    /// <summary>Integer fields: integer-valued distributions.</summary>
    Integer,

    /// <summary>Real-valued fields: every distribution.</summary>
    Real,
}
