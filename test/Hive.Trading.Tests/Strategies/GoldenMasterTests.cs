using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.Strategies;

/// <summary>
/// Golden masters (LEAN's regression algorithms): fixed generated data in (5,000 one-minute bars of a seeded,
/// driftless random walk, 0.3 % per bar, 10 units per trade, 0.1 % fee per side), expected trades, P&amp;L and
/// metrics out. The numbers were computed once and checked for plausibility before pinning: on a driftless walk the
/// strategies lose roughly their fees (fees ≈ trades × 2 × 10 × ~95 × 0.001), a 1 % stop against a 2 % target is
/// hit first about twice as often, and every trade's P&amp;L follows from its prices and fees (asserted below). A change
/// to the fill model, the state machine, the indicators or the strategies that moves a number must be explained.
/// </summary>
public sealed class GoldenMasterTests
{
    private static readonly Candle[] Data = RandomWalkMarketDataSource.GenerateCandles(
        "GOLDUSDT", 5000, new RandomWalkOptions { Seed = 42, Volatility = 0.003 });

    private static RunnerReport Run(string strategy, string parameters)
    {
        var runner = new RunnerConfig
        {
            RunnerId = "golden",
            Symbol = "GOLDUSDT",
            Strategy = strategy,
            Parameters = StrategyParameters.Parse(parameters),
            DefaultQuantity = 10,
        };
        return new Backtester().Run(new Dictionary<string, IReadOnlyList<Candle>> { ["GOLDUSDT"] = Data }, [runner]).Runners[0];
    }

    [Fact]
    public void EmaCross_Defaults_MatchesTheGoldenMaster()
    {
        var sut = Run("ema-cross", string.Empty);

        // 86 since the remembered regime follows the market in position: 4 re-entries on a cross back right after an exit.
        Assert.Equal(86, sut.Metrics.TradeCount);
        Assert.Equal(-221.426249410m, sut.Metrics.NetProfit);
        Assert.Equal(9778.573750590m, sut.Metrics.FinalEquity);
        Assert.Equal(162.649219410m, sut.Metrics.TotalFees);
        Assert.Equal(22.0 / 86, sut.Metrics.WinRate, 12);
        Assert.Equal(0.02643787772160219, sut.Metrics.MaxDrawdown, 9);
        Assert.Equal(-14.584907712559803, sut.Metrics.Sharpe, 6);
        Assert.Equal(0.6143093366804062, sut.Metrics.ProfitFactor, 9);
        Assert.Equal(85, sut.Trades.Count(t => t.ExitReason == "strategy"));
        Assert.Equal("end_of_data", sut.Trades[^1].ExitReason);
        AssertSelfConsistent(sut);
    }

    [Fact]
    public void EmaCross_Defaults_EntersOneBarAfterACrossAndExitsOnTheOppositeCross()
    {
        var sut = Run("ema-cross", string.Empty);
        var fast = Ema(12);
        var slow = Ema(26);
        var indexByClose = Data.Select((c, i) => (c.CloseTime, i)).ToDictionary(x => x.CloseTime, x => x.i);

        foreach (var trade in sut.Trades)
        {
            var entry = indexByClose[trade.EntryTime];
            Assert.True(fast[entry] > slow[entry] && fast[entry - 1] > slow[entry - 1] && fast[entry - 2] <= slow[entry - 2],
                $"entry at bar {entry} does not follow a confirmed upward cross");
            Assert.Equal((decimal)Data[entry].Close, trade.EntryPrice);
            if (trade.ExitReason == "strategy")
            {
                var exit = indexByClose[trade.ExitTime];
                Assert.True(fast[exit] < slow[exit] && fast[exit - 1] >= slow[exit - 1], $"exit at bar {exit} is not on a downward cross");
                Assert.Equal((decimal)Data[exit].Close, trade.ExitPrice);
            }
        }
    }

    [Fact]
    public void EmaCross_CrossBackOnTheBarAfterAnExit_ReEntersOnTheNextBar()
    {
        var sut = Run("ema-cross", string.Empty);
        var fast = Ema(12);
        var slow = Ema(26);
        var indexByClose = Data.Select((c, i) => (c.CloseTime, i)).ToDictionary(x => x.CloseTime, x => x.i);

        // Exit on the downward cross at bar e, cross back up at e + 1, entry confirmed at e + 2.
        var reentries = sut.Trades.Zip(sut.Trades.Skip(1))
            .Where(p => indexByClose[p.Second.EntryTime] == indexByClose[p.First.ExitTime] + 2)
            .Select(p => indexByClose[p.First.ExitTime])
            .ToList();

        Assert.Equal(4, reentries.Count);
        Assert.All(reentries, e => Assert.True(fast[e] < slow[e] && fast[e + 1] > slow[e + 1], $"bar {e}: no cross back after the exit"));
    }

    [Fact]
    public void EmaCross_StopsTargetsAndShorts_MatchesTheGoldenMaster()
    {
        var sut = Run("ema-cross", "stop=1,take=2,short=true");

        Assert.Equal(160, sut.Metrics.TradeCount);
        Assert.Equal(-456.85721468340m, sut.Metrics.NetProfit);
        Assert.Equal(303.13683728340m, sut.Metrics.TotalFees);
        Assert.Equal(44, sut.Trades.Count(t => t.ExitReason == "stop_loss"));
        Assert.Equal(30, sut.Trades.Count(t => t.ExitReason == "take_profit"));
        Assert.Equal(85, sut.Trades.Count(t => t.ExitReason == "strategy"));
        Assert.Contains(sut.Trades, t => t.Side == PositionSide.Short);
        Assert.Equal(0.04918875559103031, sut.Metrics.MaxDrawdown, 9);
        AssertSelfConsistent(sut);
    }

    [Fact]
    public void RsiReversion_Defaults_MatchesTheGoldenMaster()
    {
        var sut = Run("rsi-reversion", string.Empty);

        Assert.Equal(14, sut.Metrics.TradeCount);
        Assert.Equal(-83.858072900m, sut.Metrics.NetProfit);
        Assert.Equal(9916.141927100m, sut.Metrics.FinalEquity);
        Assert.Equal(26.296652900m, sut.Metrics.TotalFees);
        Assert.Equal(8.0 / 14, sut.Metrics.WinRate, 12);
        Assert.Equal(0.015827819181413384, sut.Metrics.MaxDrawdown, 9);
        Assert.Equal(-6.159081233200313, sut.Metrics.Sharpe, 6);
        Assert.All(sut.Trades, t => Assert.Equal(PositionSide.Long, t.Side));
        AssertSelfConsistent(sut);
    }

    [Fact]
    public void RsiReversion_ShortWithStop_MatchesTheGoldenMaster()
    {
        var sut = Run("rsi-reversion", "short=true,stop=2");

        Assert.Equal(52, sut.Metrics.TradeCount);
        Assert.Equal(-176.87878493420m, sut.Metrics.NetProfit);
        Assert.Equal(98.72037353420m, sut.Metrics.TotalFees);
        Assert.Equal(30, sut.Trades.Count(t => t.ExitReason == "stop_loss"));
        Assert.Equal(0.7689537907581516, sut.Metrics.ExposureTime, 9);
        AssertSelfConsistent(sut);
    }

    private static void AssertSelfConsistent(RunnerReport report)
    {
        foreach (var trade in report.Trades)
        {
            var sign = trade.Side == PositionSide.Long ? 1 : -1;
            var fees = (trade.EntryPrice + trade.ExitPrice) * trade.Quantity * 0.001m;
            Assert.Equal(fees, trade.Fees);
            Assert.Equal(((trade.ExitPrice - trade.EntryPrice) * trade.Quantity * sign) - fees, trade.Pnl);
        }

        Assert.Equal(10_000m + report.Trades.Sum(t => t.Pnl), report.Equity[^1].Equity);
        Assert.Equal(report.Metrics, MetricsCalculator.Compute(report.Trades, report.Equity));
    }

    // An EMA written out independently of the indicator library: seeded with the SMA of the first period.
    private static double[] Ema(int period)
    {
        var result = new double[Data.Length];
        var k = 2.0 / (period + 1);
        double sum = 0;
        for (var i = 0; i < Data.Length; i++)
        {
            if (i < period)
            {
                sum += Data[i].Close;
                result[i] = i == period - 1 ? sum / period : double.NaN;
            }
            else
            {
                result[i] = (Data[i].Close * k) + (result[i - 1] * (1 - k));
            }
        }

        return result;
    }
}
