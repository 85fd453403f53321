using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Lua.Tests;

/// <summary><c>book_imbalance.lua</c> on a feed with quotes: the bid/ask sizes drive it, not the candle fallback.</summary>
public sealed class BookImbalanceTests
{
    [Fact]
    public void OnCandle_BidHeavyBookThenAskHeavy_EntersLongWithConfidenceThenExits()
    {
        using var strategy = LuaStrategy.LoadFile(TestMarket.Strategy("book_imbalance.lua"), StrategyParameters.Parse("quantity=1,threshold=0.3,min_confidence=0.2"));
        var sut = new RunnerCore(new RunnerConfig { RunnerId = "book", Symbol = TestMarket.Symbol, Strategy = "book_imbalance.lua" }, strategy);
        var candles = TestMarket.Generate(60);

        // Bid-heavy book (imbalance +0.8) while flat bars close at their low (the candle fallback alone would say "sell").
        for (var i = 0; i < 3; i++)
        {
            Feed(sut, FallingBar(candles[i]), bidQuantity: 9, askQuantity: 1);
        }

        Assert.Equal(RunnerState.InPosition, sut.State);
        Assert.Equal("buy", sut.Context.GetString("signal"));
        Assert.Equal(0.8, sut.Context.GetNumber("imbalance"), 12);
        Assert.InRange(sut.Context.GetNumber("confidence"), 0.2, 1.0);
        Assert.Equal(PositionSide.Long, sut.Position?.Side);

        Feed(sut, FallingBar(candles[3]), bidQuantity: 1, askQuantity: 9);

        Assert.Equal(RunnerState.Idle, sut.State);
        var trade = Assert.Single(sut.Trades);
        Assert.Equal("strategy", trade.ExitReason);
    }

    private static Candle FallingBar(Candle c) => c with { Open = 101, High = 101.5, Low = 99.5, Close = 99.6 };

    private static void Feed(RunnerCore runner, Candle candle, double bidQuantity, double askQuantity)
    {
        runner.OnQuote(new Quote(candle.Symbol, candle.CloseTime - 1, candle.Close - 0.01, bidQuantity, candle.Close + 0.01, askQuantity));
        runner.OnCandle(candle);
    }
}
