using Microsoft.Extensions.Logging;

namespace Sweeps.Cli;

/// <summary>Wraps the console logger so that an exception reaches the console as one line (its type and
/// message) instead of a stack trace; <see cref="SweepsHost.DebugLogging"/> (or --verbose) leaves it out.
/// Other providers, the trial log files among them, still get the whole exception. The host's own
/// "Hosting failed to start" is left out: the command reports that failure as its one line.</summary>
internal sealed class ShortExceptionLoggerProvider(ILoggerProvider console) : ILoggerProvider, ISupportExternalScope
{
    public ILogger CreateLogger(string categoryName) => new ShortExceptionLogger(console.CreateLogger(categoryName));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (console as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    public void Dispose() => console.Dispose();

    /// <summary>Microsoft.Extensions.Hosting's event for "Hosting failed to start".</summary>
    private const string HostStartFailure = "HostedServiceStartupFaulted";

    private sealed class ShortExceptionLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == HostStartFailure)
                return;
            inner.Log(logLevel, eventId, state, exception is null ? null : new ExceptionSummary(exception), (s, _) => formatter(s, exception));
        }
    }

    private sealed class ExceptionSummary(Exception exception) : Exception(exception.Message)
    {
        public override string ToString() => $"({exception.GetType().Name}: {exception.Message})";
    }
}
