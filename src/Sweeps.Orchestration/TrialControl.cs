using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sweeps.Storage;

namespace Sweeps.Orchestration;

/// <summary>
/// The running trial's line to the database, from its own scope (the trial's DbContext is busy on the
/// training thread): every heartbeat renews the lease and reports progress. It tells the training thread
/// when the claim went stale (<see cref="ClaimLost"/>: stop at once, write nothing) and when a request was
/// recorded for the trial, an operator's cancel or pause or an early stop (<see cref="StopRequested"/>:
/// checkpoint at the next step boundary, then settle).
/// A heartbeat that fails for another reason (the database is locked or away) is logged and tried again
/// at the next beat; if the lease runs out meanwhile, the next fenced write finds the claim stale.
/// </summary>
public sealed class TrialControl : IAsyncDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopRequested = new();
    private readonly CancellationTokenSource _ended = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly TrialClaim _claim;
    private readonly TimeSpan _lease;
    private readonly TrialProgressMeter _progress;
    private readonly string _logPath;
    private readonly ILogger _logger;
    private readonly Task _beats;

    public TrialControl(IServiceScopeFactory scopes, TrialClaim claim, SweepsOptions options, TrialProgressMeter progress, string logPath, ILogger logger)
    {
        _scopes = scopes;
        _claim = claim;
        _lease = TimeSpan.FromSeconds(options.LeaseSeconds);
        _progress = progress;
        _logPath = logPath;
        _logger = logger;
        var interval = TimeSpan.FromSeconds(Math.Min(options.HeartbeatSeconds, options.LeaseSeconds / 3.0));
        _beats = BeatAsync(interval, _ended.Token);
    }

    public CancellationToken ClaimLost => _lost.Token;
    public CancellationToken StopRequested => _stopRequested.Token;
    /// <summary>What was asked, once <see cref="StopRequested"/> has fired.</summary>
    public OperatorRequest? Request { get; private set; }

    private async Task BeatAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    using var scope = _scopes.CreateScope();
                    var queue = scope.ServiceProvider.GetRequiredService<TrialQueue>();
                    var request = await queue.HeartbeatAsync(_claim, _lease, _progress.Report(_logPath), ct);
                    if (request is not null && Request is null)
                    {
                        Request = request;
                        _logger.LogInformation("Trial {TrialId}: {Request} requested; stopping at the next step boundary", _claim.TrialId, request);
                        await _stopRequested.CancelAsync();
                    }
                }
                catch (StaleClaimException)
                {
                    _logger.LogWarning("Trial {TrialId}: attempt {Attempt} lost its claim to another worker or an operator; stopping it here",
                        _claim.TrialId, _claim.Attempt);
                    await _lost.CancelAsync();
                    return;
                }
                catch (Exception problem) when (problem is not OperationCanceledException)
                {
                    _logger.LogWarning("Trial {TrialId}: heartbeat failed ({Problem}); training goes on and the next beat tries again",
                        _claim.TrialId, problem.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
            // The attempt ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ended.CancelAsync();
        await _beats;
        _ended.Dispose();
        _lost.Dispose();
        _stopRequested.Dispose();
    }
}
