using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sweeps.Training;

namespace Sweeps.Orchestration;

/// <summary>
/// Watches the free space on CheckpointRoot's filesystem. Below MinFreeDiskMegabytes the worker claims
/// nothing, a running trial waits at its next checkpoint (holding its lease) instead of writing, and
/// <see cref="Shortage"/> says why for <c>status</c> and the log; all of it goes on by itself once space
/// returns. After a checkpoint write failed, room also means space for that checkpoint on top of the threshold.
/// </summary>
public sealed class DiskGuard(IOptions<SweepsOptions> options, ILogger<DiskGuard> logger)
{
    private readonly Lock _gate = new();
    private long _failedWriteBytes;
    private string? _shortage;

    /// <summary>Why the worker is not claiming, or null when there is room.</summary>
    public string? Shortage
    {
        get { lock (_gate) return _shortage; }
    }

    /// <summary>Looks at the disk now; true when there is room for checkpoints.</summary>
    public bool HasRoom()
    {
        var root = Path.GetFullPath(options.Value.CheckpointRoot);
        Directory.CreateDirectory(root);
        long free = new DriveInfo(root).AvailableFreeSpace;
        lock (_gate)
        {
            long needed = options.Value.MinFreeDiskMegabytes * 1_000_000L + _failedWriteBytes;
            string? shortage = free >= needed ? null
                : $"not claiming: {free / 1e6:F0} MB free on {root}, below the {needed / 1e6:F0} MB needed (MinFreeDiskMegabytes {options.Value.MinFreeDiskMegabytes}"
                  + (_failedWriteBytes > 0 ? $" plus the {_failedWriteBytes / 1e6:F1} MB checkpoint that did not fit" : "") + ")";
            if (shortage is null && _shortage is not null)
            {
                _failedWriteBytes = 0;
                logger.LogInformation("Disk space is back: {Free:F0} MB free on {Root}; claiming again", free / 1e6, root);
            }
            else if (shortage is not null && _shortage is null)
            {
                logger.LogWarning("Disk nearly full: {Shortage}", shortage);
            }
            _shortage = shortage;
            return shortage is null;
        }
    }

    /// <summary>Before a checkpoint: returns once there is room, checking every PollSeconds.</summary>
    /// <exception cref="OperationCanceledException">The attempt was abandoned while waiting.</exception>
    public void WaitForRoom(CancellationToken ct)
    {
        while (!HasRoom())
        {
            ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(options.Value.PollSeconds));
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>A checkpoint did not fit: no claims until there is room for it.</summary>
    public void WriteFailed(CheckpointWriteException failure)
    {
        lock (_gate) _failedWriteBytes = failure.Bytes;
        HasRoom();
    }
}
