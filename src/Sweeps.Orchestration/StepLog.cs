using System.Globalization;
using Microsoft.Extensions.Options;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// The StepLog setting: one line per trained step, <c>trial attempt step worker startTicks endTicks</c> (UTC), in a
/// file of this process's own (<c>WORKER-PID.steps</c>, so processes never write to one file) under the shared
/// folder. Read together, the files show which worker trained which step when. Singleton; off when the setting is empty.
/// </summary>
public sealed class StepLog(IOptions<SweepsOptions> options) : IDisposable
{
    private readonly Lock gate = new();
    private StreamWriter? writer;

    public bool IsOn => options.Value.StepLog.Length > 0;

    public void Append(TrialClaim claim, long step, DateTime started, DateTime ended)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{claim.TrialId} {claim.Attempt} {step} {claim.WorkerId} {started.Ticks} {ended.Ticks}");
        lock (gate)
        {
            writer ??= Open(claim.WorkerId);
            writer.WriteLine(line);
        }
    }

    private StreamWriter Open(string workerId)
    {
        var folder = Path.GetFullPath(options.Value.StepLog);
        Directory.CreateDirectory(folder);
        var name = string.Concat(workerId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return new StreamWriter(new FileStream(Path.Combine(folder, $"{name}-{Environment.ProcessId}.steps"), FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            AutoFlush = true,
        };
    }

    public void Dispose()
    {
        lock (gate) writer?.Dispose();
    }
}
