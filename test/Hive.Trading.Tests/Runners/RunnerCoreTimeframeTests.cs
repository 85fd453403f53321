using Hive.Trading.Execution;
using Hive.Trading.Market;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Runners;

public sealed class RunnerCoreTimeframeTests
{
    private static RunnerConfig Config(string timeframe) => new()
    {
        RunnerId = "tf",
        Symbol = "BTCUSDT",
        Strategy = "scripted",
        InitialEquity = 10_000,
        DefaultQuantity = 1,
        Parameters = StrategyParameters.Parse("timeframe=" + timeframe),
    };

    [Fact]
    public void OnCandle_FiveMinuteTimeframe_StrategySeesOnlyClosedFiveMinuteBars()
    {
        var seen = new List<MarketData>();
        var strategy = new ScriptedStrategy { Detect = (m, _) => { seen.Add(m); return StrategyAction.None; } };
        var sut = new RunnerCore(Config("5m"), strategy, new PaperOrderRouter());

        for (var i = 0; i < 12; i++)
        {
            sut.OnCandle(Bars.At(i, 100 + i, 101 + i, 99 + i, 100.5 + i));
        }

        Assert.Equal(2, seen.Count);
        Assert.Equal(Bars.T0 + (5 * Bars.Minute) - 1, seen[0].Timestamp);
        Assert.Equal((100, 105, 99, 104.5, 50), (seen[0].Open, seen[0].High, seen[0].Low, seen[0].Close, seen[0].Volume));
        Assert.Equal(Bars.T0 + (10 * Bars.Minute) - 1, seen[1].Timestamp);
        Assert.Equal(110.0, sut.Indicators.WindowHigh);
        Assert.Equal(12, sut.BarsProcessed);
    }

    [Fact]
    public void OnCandle_StopLossInsideAFiveMinuteBar_ExitsOnTheOneMinuteCandleThatHitIt()
    {
        var sut = new RunnerCore(Config("5m"), ScriptedStrategy.EnterLongOnce(1, stopLoss: 95), new PaperOrderRouter());
        for (var i = 0; i < 10; i++)
        {
            sut.OnCandle(Bars.Flat(i, 100));
        }

        Assert.Equal(RunnerState.InPosition, sut.State);
        sut.OnCandle(Bars.At(10, 100, 100, 94, 96));

        var trade = Assert.Single(sut.Trades);
        Assert.Equal("stop_loss", trade.ExitReason);
        Assert.Equal(95m, trade.ExitPrice);
        Assert.Equal(Bars.T0 + (11 * Bars.Minute) - 1, trade.ExitTime);
    }

    [Fact]
    public void OnCandle_GapOverTheEndOfAPeriod_ClosesThePartialBarBeforeTheNextCandle()
    {
        var seen = new List<MarketData>();
        var strategy = new ScriptedStrategy { Detect = (m, _) => { seen.Add(m); return StrategyAction.None; } };
        var sut = new RunnerCore(Config("5m"), strategy, new PaperOrderRouter());

        sut.OnCandle(Bars.Flat(0, 100));
        sut.OnCandle(Bars.Flat(1, 101));
        sut.OnCandle(Bars.Flat(7, 107));

        var bar = Assert.Single(seen);
        Assert.Equal(Bars.T0 + (5 * Bars.Minute) - 1, bar.Timestamp);
        Assert.Equal(101, bar.Close);
    }

    [Fact]
    public void OnCandle_FourHourTimeframe_AlignsBarsToUtc()
    {
        var seen = new List<long>();
        var strategy = new ScriptedStrategy { Detect = (m, _) => { seen.Add(m.Timestamp); return StrategyAction.None; } };
        var sut = new RunnerCore(Config("4h"), strategy, new PaperOrderRouter());
        const long hour = 60 * Bars.Minute;

        // Hourly candles from 01:00 UTC: the first 4h bar (00:00-04:00) closes with the 03:00 candle.
        for (var h = 1; h <= 8; h++)
        {
            var open = Bars.T0 + (h * hour);
            sut.OnCandle(new Candle("BTCUSDT", open, open + hour - 1, 100, 100, 100, 100, 1));
        }

        Assert.Equal([Bars.T0 + (4 * hour) - 1, Bars.T0 + (8 * hour) - 1], seen);
    }

    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("15m", 900_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("4h", 14_400_000)]
    [InlineData("1d", 86_400_000)]
    public void TryParse_Accepted_GivesTheLength(string text, long milliseconds)
    {
        Assert.True(Timeframe.TryParse(text, out var sut));
        Assert.Equal(milliseconds, sut.Milliseconds);
        Assert.Equal(text, sut.Name);
    }

    [Theory]
    [InlineData("7m")]
    [InlineData("15")]
    [InlineData("1w")]
    [InlineData("")]
    public void Validate_UnknownTimeframe_NamesTheRunnerAndTheChoices(string text)
    {
        var sut = Config(text);

        var ex = Assert.Throws<ArgumentException>(sut.Validate);

        Assert.Equal($"Runner 'tf': timeframe '{text}' is not one of {Timeframe.Accepted}.", ex.Message);
    }
}
