using System.Text.Json.Nodes;

namespace Sweeps.Spec;

/// <summary>
/// A range restriction on one value. <see cref="Test"/> returns what was expected when a value
/// fails (else null); <see cref="Describe"/> adds the same restriction as JSON Schema keywords.
/// </summary>
internal sealed record ValueCheck<T>(Func<T, string?> Test, Action<JsonObject> Describe);
