using Sweeps.Faults;

namespace Sweeps.Orchestration;

/// <summary>One or more settings are wrong; the message has one line per problem (see <see cref="SweepsOptionsValidator"/>).</summary>
public sealed class InvalidSettingsException(IReadOnlyList<string> problems)
    : SweepsException(FaultKind.Configuration, string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
