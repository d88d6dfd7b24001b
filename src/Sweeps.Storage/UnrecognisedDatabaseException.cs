using Sweeps.Faults;

namespace Sweeps.Storage;

/// <summary>The Sweeps:Database setting is a connection string for neither provider. The value itself is
/// left out of the message: it may hold a password.</summary>
public sealed class UnrecognisedDatabaseException(string reason, Exception? inner = null)
    : SweepsException(FaultKind.Configuration,
        $"The setting {DatabaseConnectionString.Setting} is {reason}: give a SQLite connection string (Data Source=.sweeps/sweeps.db) "
        + "or a PostgreSQL one (Host=...;Port=5432;Database=...;Username=...).", inner);
