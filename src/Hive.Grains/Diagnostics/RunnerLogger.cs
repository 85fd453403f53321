using Microsoft.Extensions.Logging;

namespace Hive.Grains.Diagnostics;

/// <summary>
/// A runner activation's logger: every line it writes carries <c>RunnerId</c>, <c>Symbol</c> and <c>Epoch</c> (the
/// deployment epoch, once the gateway gave one) as a logging scope, so structured sinks (the JSON console of
/// <c>hive silo --log-format json</c>) can filter one runner's lines and tell a stale activation's from the current one's.
/// </summary>
internal sealed class RunnerLogger(ILogger inner) : ILogger
{
    private RunnerLogScope? _scope;

    /// <summary>Sets what the next lines carry; the symbol and epoch change when the runner (re)starts.</summary>
    public void Describe(string runnerId, string? symbol, long? epoch) => _scope = new RunnerLogScope(runnerId, symbol, epoch);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        if (_scope is not { } scope)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        using (inner.BeginScope(scope))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
