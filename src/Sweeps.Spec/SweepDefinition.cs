namespace Sweeps.Spec;

/// <summary>A validated sweep file and the trials it expands to.</summary>
/// <param name="YamlText">The file exactly as written, kept so a stored sweep can be re-read.</param>
public sealed record SweepDefinition(
    string Name,
    string Description,
    SweepMethod Method,
    string YamlText,
    IReadOnlyList<TrialSpec> Trials);
