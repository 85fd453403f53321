using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Portfolio;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Runners;

/// <summary>
/// One engine: a runner whose router fills at once (the backtester) and one whose fills arrive after the update (the
/// platform's gateway) take the same decisions on the same candles.
/// </summary>
public sealed class RunnerCoreParityTests
{
    [Fact]
    public void OnCandle_AfterAStopLossExit_DetectsOnTheSameBarWithEitherRouter()
    {
        var immediate = Trail();
        var deferred = Trail();
        var sutImmediate = new RunnerCore(Config(), immediate, new PaperOrderRouter());
        var router = new DeferredRouter();
        var sutDeferred = new RunnerCore(Config(), deferred, router);
        Candle[] candles = [Bars.Flat(0, 100), Bars.Flat(1, 100), Bars.At(2, 100, 100, 90, 95)];

        foreach (var candle in candles)
        {
            sutImmediate.OnCandle(candle);
            sutDeferred.OnCandle(candle);
            router.FillAll(sutDeferred);
        }

        Assert.Equal("stop_loss", Assert.Single(sutImmediate.Trades).ExitReason);
        Assert.Equal(["detect", "filter", "detect"], immediate.Calls);
        Assert.Equal(immediate.Calls, deferred.Calls);
        Assert.Equal(Describe(sutImmediate.Trades), Describe(sutDeferred.Trades));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("5m")]
    [InlineData("15m")]
    public void OnCandle_RandomWalkWithATrailingStop_SameTradesWithEitherRouter(string? timeframe)
    {
        var candles = RandomCandles(4000, seed: 7);
        var sutImmediate = new RunnerCore(Config(timeframe), Trail(), new PaperOrderRouter());
        var router = new DeferredRouter();
        var sutDeferred = new RunnerCore(Config(timeframe), Trail(), router);

        foreach (var candle in candles)
        {
            sutImmediate.OnCandle(candle);
            sutDeferred.OnCandle(candle);
            router.FillAll(sutDeferred);
        }

        Assert.True(sutImmediate.Trades.Count > 20, $"{sutImmediate.Trades.Count} trades");
        Assert.Contains(sutImmediate.Trades, t => t.ExitReason == "stop_loss");
        Assert.Equal(Describe(sutImmediate.Trades), Describe(sutDeferred.Trades));
    }

    private static RunnerConfig Config(string? timeframe = null) => new()
    {
        RunnerId = "trail",
        Symbol = "BTCUSDT",
        Strategy = "scripted",
        InitialEquity = 10_000,
        DefaultQuantity = 1,
        Parameters = timeframe is null ? StrategyParameters.Empty : StrategyParameters.Parse("timeframe=" + timeframe),
    };

    // Enters on every opportunity with a tight stop that trails the close: stop-loss exits are frequent.
    private static ScriptedStrategy Trail() => new()
    {
        Detect = static (_, _) => StrategyAction.Opportunity("any bar"),
        Filter = static (m, _) => StrategyAction.EnterLong(stopLoss: m.Close * 0.995),
        Manage = static (m, c) => c.Position is { StopLoss: { } stop } && m.Close * 0.995 > stop
            ? StrategyAction.UpdateStopLoss(m.Close * 0.995)
            : StrategyAction.None,
    };

    private static Candle[] RandomCandles(int count, int seed)
    {
        var random = new Random(seed);
        var candles = new Candle[count];
        var price = 100.0;
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = open * (1 + ((random.NextDouble() - 0.5) * 0.01));
            var high = Math.Max(open, close) * (1 + (random.NextDouble() * 0.003));
            var low = Math.Min(open, close) * (1 - (random.NextDouble() * 0.003));
            candles[i] = Bars.At(i, open, high, low, close);
            price = close;
        }

        return candles;
    }

    private static string[] Describe(IReadOnlyList<ClosedTrade> trades) =>
        [.. trades.Select(static t => $"{t.EntryTime} {t.EntryPrice} {t.ExitTime} {t.ExitPrice} {t.Quantity} {t.ExitReason}")];

    /// <summary>Answers Pending, as the platform's gateway does, and fills the orders after the update returned.</summary>
    private sealed class DeferredRouter : IOrderRouter
    {
        private readonly PaperFillModel _model = new();
        private readonly Queue<(OrderRequest Order, MarketData Market)> _queue = new();

        public OrderOutcome Submit(in OrderRequest order, in MarketData market)
        {
            _queue.Enqueue((order, market));
            return OrderOutcome.Pending();
        }

        public void FillAll(RunnerCore runner)
        {
            while (_queue.TryDequeue(out var item))
            {
                runner.OnFill(_model.Execute(item.Order, item.Market));
            }
        }
    }
}
