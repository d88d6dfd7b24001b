using Sweeps.Faults;

namespace Sweeps.Storage;

/// <summary>The Sweeps:Database setting is a connection string for neither provider. The value is shown
/// with its password masked.</summary>
public sealed class UnrecognisedDatabaseException(string connectionString, string reason, Exception? inner = null)
    : SweepsException(FaultKind.Configuration,
        $"The setting {DatabaseConnectionString.Setting} (\"{DatabaseConnectionString.Masked(connectionString)}\") is {reason}: "
        + Expected, inner)
{
    /// <summary>What the setting must be, for messages that name the setting themselves.</summary>
    public const string Expected = "give a SQLite connection string (Data Source=.sweeps/sweeps.db) "
        + "or a PostgreSQL one (Host=...;Port=5432;Database=...;Username=...).";

    /// <summary>What is wrong with the value ("not a connection string ...").</summary>
    public string Reason { get; } = reason;
}
