using Hive.Grains.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Hive.Grains.Tests.Diagnostics;

public sealed class RunnerLoggerTests
{
    [Fact]
    public void Log_Described_LineCarriesRunnerSymbolAndEpochAsScope()
    {
        var inner = new ScopeRecorder();
        var sut = new RunnerLogger(inner);
        sut.Describe("btc_ema", "BTCUSDT", 7);

        sut.LogWarning("strategy error: {Error}", "boom");

        var line = Assert.Single(inner.Lines);
        Assert.Equal("strategy error: boom", line.Message);
        var scope = Assert.IsAssignableFrom<IReadOnlyList<KeyValuePair<string, object?>>>(line.Scope);
        Assert.Equal(["RunnerId", "Symbol", "Epoch"], scope.Select(p => p.Key));
        Assert.Equal(["btc_ema", "BTCUSDT", (object)7L], scope.Select(p => p.Value));
    }

    [Fact]
    public void Log_Restarted_NextLinesCarryTheNewEpoch()
    {
        var inner = new ScopeRecorder();
        var sut = new RunnerLogger(inner);
        sut.Describe("btc_ema", "BTCUSDT", 7);
        sut.LogInformation("first");
        sut.Describe("btc_ema", "BTCUSDT", 8);

        sut.LogInformation("second");

        Assert.Equal([7L, 8L], inner.Lines.Select(l => ((IReadOnlyList<KeyValuePair<string, object?>>)l.Scope!)[2].Value));
    }

    [Fact]
    public void Log_LevelDisabled_NothingWrittenAndNoScopeOpened()
    {
        var inner = new ScopeRecorder { Minimum = LogLevel.Warning };
        var sut = new RunnerLogger(inner);
        sut.Describe("btc_ema", "BTCUSDT", 1);

        sut.LogInformation("chatty");

        Assert.Empty(inner.Lines);
        Assert.Equal(0, inner.ScopesOpened);
    }

    private sealed class ScopeRecorder : ILogger
    {
        private object? _scope;

        public List<(string Message, object? Scope)> Lines { get; } = [];

        public int ScopesOpened { get; private set; }

        public LogLevel Minimum { get; init; } = LogLevel.Trace;

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            ScopesOpened++;
            _scope = state;
            return new Reset(this);
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((formatter(state, exception), _scope));

        private sealed class Reset(ScopeRecorder owner) : IDisposable
        {
            public void Dispose() => owner._scope = null;
        }
    }
}
