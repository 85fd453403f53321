using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Runners;
using Hive.Trading.Strategies.Compiled;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Market.Sources;

public sealed class SourceTests
{
    [Fact]
    public async Task Replay_AsFastAsPossible_MergesSymbolsByCloseTime()
    {
        var sut = new ReplayMarketDataSource(new Dictionary<string, IReadOnlyList<Candle>>
        {
            ["AAA"] = [Bars.Flat(0, 1, "AAA"), Bars.Flat(2, 1, "AAA")],
            ["BBB"] = [Bars.Flat(0, 2, "BBB"), Bars.Flat(1, 2, "BBB"), Bars.Flat(3, 2, "BBB")],
        });

        var events = new List<MarketEvent>();
        await foreach (var e in sut.ReadAsync())
        {
            events.Add(e);
        }

        Assert.Equal(["AAA", "BBB", "BBB", "AAA", "BBB"], events.Select(e => e.Symbol));
        Assert.Equal(events.Select(e => e.Timestamp).Order(), events.Select(e => e.Timestamp));
    }

    [Fact]
    public void Replay_CandlesOutOfOrder_FailsNamingSymbolAndIndex()
    {
        var ex = Assert.Throws<InvalidDataException>(() => new ReplayMarketDataSource(new Dictionary<string, IReadOnlyList<Candle>>
        {
            ["AAA"] = [Bars.Flat(1, 1, "AAA"), Bars.Flat(0, 1, "AAA")],
        }));

        Assert.StartsWith("AAA: candle 1 closes at", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AtSixtyTimesRealTime_WaitsOnTheInjectedClock()
    {
        var time = new ManualClock();
        var sut = new ReplayMarketDataSource(
            new Dictionary<string, IReadOnlyList<Candle>> { ["AAA"] = [Bars.Flat(0, 1, "AAA"), Bars.Flat(1, 1, "AAA")] },
            speed: 60, timeProvider: time);
        await using var reader = sut.ReadAsync().GetAsyncEnumerator();

        Assert.True(await reader.MoveNextAsync());
        var second = reader.MoveNextAsync().AsTask();
        Assert.True(await time.WaitForTimerAsync());
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Bars.Flat(1, 1).CloseTime, reader.Current.Timestamp);
    }

    [Fact]
    public void GenerateCandles_SameSeed_SameSeriesAndValidBars()
    {
        var options = new RandomWalkOptions { Seed = 7 };

        var first = RandomWalkMarketDataSource.GenerateCandles("AAA", 500, options);
        var second = RandomWalkMarketDataSource.GenerateCandles("AAA", 500, options);
        var other = RandomWalkMarketDataSource.GenerateCandles("AAA", 500, options with { Seed = 8 });

        Assert.Equal(first, second);
        Assert.NotEqual(first[^1].Close, other[^1].Close);
        Assert.All(first, c => Assert.True(c.Low <= Math.Min(c.Open, c.Close) && c.High >= Math.Max(c.Open, c.Close) && c.Low > 0));
        Assert.All(first.Skip(1).Zip(first), p => Assert.Equal(p.Second.Close, p.First.Open));
    }

    [Fact]
    public async Task RandomWalk_WithQuotes_PrecedesEachCandleWithAQuoteAroundItsClose()
    {
        var sut = new RandomWalkMarketDataSource(["AAA", "BBB"], new RandomWalkOptions { Bars = 3, Quotes = true });

        var events = new List<MarketEvent>();
        await foreach (var e in sut.ReadAsync())
        {
            events.Add(e);
        }

        Assert.Equal(12, events.Count);
        for (var i = 0; i < events.Count; i += 2)
        {
            Assert.Equal(MarketEventKind.Quote, events[i].Kind);
            Assert.Equal(MarketEventKind.Candle, events[i + 1].Kind);
            Assert.True(events[i].Quote.BidPrice < events[i + 1].Candle.Close && events[i + 1].Candle.Close < events[i].Quote.AskPrice);
        }

        var generated = RandomWalkMarketDataSource.GenerateCandles("BBB", 3, sut.Options, symbolIndex: 1);
        Assert.Equal(generated, events.Where(e => e.Kind == MarketEventKind.Candle && e.Symbol == "BBB").Select(e => e.Candle));
    }

    [Fact]
    public async Task RandomWalkWithQuotes_DrivingARunner_EntersAtTheAskAndExitsAtTheBid()
    {
        var source = new RandomWalkMarketDataSource(["AAA"], new RandomWalkOptions { Bars = 3000, Quotes = true, Seed = 3 });
        var sut = new RunnerCore(
            new RunnerConfig { RunnerId = "paper", Symbol = "AAA", Strategy = "ema-cross", DefaultQuantity = 1 },
            new EmaCrossStrategy(5, 20));
        var asks = new Dictionary<long, double>();
        var bids = new Dictionary<long, double>();

        await foreach (var e in source.ReadAsync())
        {
            if (e.Kind == MarketEventKind.Quote)
            {
                asks[e.Timestamp] = e.Quote.AskPrice;
                bids[e.Timestamp] = e.Quote.BidPrice;
            }

            sut.OnMarketEvent(e);
        }

        Assert.NotEmpty(sut.Trades);
        Assert.All(sut.Trades, t => Assert.Equal((decimal)asks[t.EntryTime], t.EntryPrice));
        Assert.All(sut.Trades, t => Assert.Equal((decimal)bids[t.ExitTime], t.ExitPrice));
        Assert.Equal(3000, sut.BarsProcessed);
    }

    /// <summary>A clock tests advance by hand; signals when a timer is created.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private readonly Lock _lock = new();
        private readonly List<(long Due, TimerCallback Callback, object? State)> _timers = [];
        private readonly SemaphoreSlim _created = new(0);
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            lock (_lock)
            {
                return _now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_lock)
            {
                _timers.Add((_now + dueTime.Ticks, callback, state));
            }

            _created.Release();
            return new NoopTimer();
        }

        public Task<bool> WaitForTimerAsync() => _created.WaitAsync(TimeSpan.FromSeconds(10));

        public void Advance(TimeSpan by)
        {
            List<(long Due, TimerCallback Callback, object? State)> due;
            lock (_lock)
            {
                _now += by.Ticks;
                due = _timers.Where(t => t.Due <= _now).ToList();
                _timers.RemoveAll(t => t.Due <= _now);
            }

            foreach (var (_, callback, state) in due)
            {
                callback(state);
            }
        }

        private sealed class NoopTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
