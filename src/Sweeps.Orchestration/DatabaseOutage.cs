using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// The worker's view of a database it cannot reach: after a failed claim it waits before the next one,
/// doubling the wait from one poll up to a minute, and says so once per outage in one plain line (what
/// is wrong, with the password masked) and once when the database answers again. Trials already running
/// keep training and checkpointing to disk meanwhile; their heartbeats retry on their own.
/// </summary>
public sealed class DatabaseOutage(IOptions<SweepsOptions> options, TimeProvider clock, ILogger<DatabaseOutage> logger)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private TimeSpan _wait = TimeSpan.Zero;
    private DateTimeOffset _retryAt = DateTimeOffset.MinValue;

    /// <summary>Whether a claim should wait: the database failed and the back-off has not passed yet.</summary>
    public bool Waiting
    {
        get { lock (_lock) return clock.GetUtcNow() < _retryAt; }
    }

    /// <summary>A database call failed with <paramref name="error"/>: back off before the next claim.</summary>
    public void Failed(Exception error)
    {
        string problem = DatabaseUnavailableException.Explain(error, options.Value.Database)?.Message ?? error.Message;
        lock (_lock)
        {
            bool first = _wait == TimeSpan.Zero;
            _wait = first ? TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)) : Min(_wait * 2, LongestWait);
            _retryAt = clock.GetUtcNow() + _wait;
            if (first)
                logger.LogWarning("The database cannot be reached, so no trial is claimed; running trials go on checkpointing to disk. Retrying with back-off up to {Longest} s: {Problem}",
                    LongestWait.TotalSeconds, problem);
            else
                logger.LogDebug("Still no database; next try in {Wait} s: {Problem}", _wait.TotalSeconds, problem);
        }
    }

    /// <summary>A database call succeeded: claims go on at the normal poll.</summary>
    public void Succeeded()
    {
        lock (_lock)
        {
            if (_wait == TimeSpan.Zero) return;
            _wait = TimeSpan.Zero;
            _retryAt = DateTimeOffset.MinValue;
            logger.LogInformation("The database answers again; claiming trials");
        }
    }

    /// <summary>Whether <paramref name="error"/> came from the database's driver (a refused or dropped
    /// connection, a timeout, a lock), as opposed to a fault of this program.</summary>
    public static bool IsDatabaseFailure(Exception error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
            if (inner is System.Data.Common.DbException or System.Net.Sockets.SocketException or DatabaseUnavailableException)
                return true;
        return false;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
