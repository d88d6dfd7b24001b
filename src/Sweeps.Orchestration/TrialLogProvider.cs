using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Sweeps.Orchestration;

/// <summary>
/// Appends every log entry written inside a <see cref="TrialLogScope"/> to that trial's log file, one line
/// each (plus the exception, when there is one), so <c>sweeps logs --trial N</c> shows a trial's whole
/// history across attempts, workers and boxes. A file that cannot be written is skipped: a full disk must
/// not fail the trial through its log.
/// </summary>
public sealed class TrialLogProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, Lock> _files = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new TrialLogger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private void Write<TState>(LogLevel level, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        TrialLogScope? trial = null;
        _scopes.ForEachScope((scope, _) => trial = scope as TrialLogScope ?? trial, (object?)null);
        if (trial is null) return;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fff}Z {Level(level)} [attempt {trial.Attempt}] {formatter(state, exception)}{Environment.NewLine}");
        if (exception is not null) line += exception + Environment.NewLine;
        lock (_files.GetOrAdd(trial.LogPath, _ => new Lock()))
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(trial.LogPath)!);
                File.AppendAllText(trial.LogPath, line);
            }
            catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
            {
                // The console log still has the line.
            }
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class TrialLogger(TrialLogProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider.Write(logLevel, state, exception, formatter);
        }
    }
}
