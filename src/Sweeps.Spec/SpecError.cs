namespace Sweeps.Spec;

/// <summary>
/// One problem in a sweep file, located by 1-based line and column and by the key path of the
/// offending node (<c>parameters.model.width.values[1]</c>); empty for YAML syntax errors.
/// </summary>
public sealed record SpecError(string File, int Line, int Column, string KeyPath, string Message)
{
    /// <summary><c>file:line:column: key.path: message</c>, the form compilers and editors understand.</summary>
    public override string ToString() =>
        KeyPath.Length == 0
            ? $"{File}:{Line}:{Column}: {Message}"
            : $"{File}:{Line}:{Column}: {KeyPath}: {Message}";
}
