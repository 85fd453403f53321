using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;
using Hive.Trading.Risk;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;
using Hive.Trading.Strategies.Compiled;
using Hive.Trading.Tests.TestSupport;

namespace Hive.Trading.Tests.Backtesting;

public sealed class BacktesterTests
{
    private static readonly string[] Symbols = ["AAAUSDT", "BBBUSDT", "CCCUSDT"];

    private static Dictionary<string, IReadOnlyList<Candle>> Generated(int bars, int seed = 11)
    {
        var options = new RandomWalkOptions { Seed = seed, Volatility = 0.003 };
        var data = new Dictionary<string, IReadOnlyList<Candle>>();
        for (var i = 0; i < Symbols.Length; i++)
        {
            data[Symbols[i]] = RandomWalkMarketDataSource.GenerateCandles(Symbols[i], bars, options, i);
        }

        return data;
    }

    private static RunnerConfig Runner(string id, string symbol, string strategy, string parameters = "") => new()
    {
        RunnerId = id,
        Symbol = symbol,
        Strategy = strategy,
        Parameters = StrategyParameters.Parse(parameters),
        DefaultQuantity = 10,
    };

    [Fact]
    public void Run_MultiSymbolTwoRunnersEach_ReportsEveryRunnerWithOwnPositionAndConsistentTotals()
    {
        var data = Generated(3000);
        var runners = Symbols.SelectMany(s => new[]
        {
            Runner($"{s}_ema", s, "ema-cross", "fast=8,slow=21"),
            Runner($"{s}_rsi", s, "rsi-reversion", "short=true"),
        }).ToList();
        var progress = new List<BacktestProgress>();
        var sut = new Backtester(options: new BacktestOptions { ProgressInterval = 1000 });

        var report = sut.Run(data, runners, progress.Add);

        Assert.Equal(9000, report.Bars);
        Assert.Equal(6, report.Runners.Count);
        Assert.Equal(10, progress.Count);
        Assert.Equal(9000, progress[^1].BarsProcessed);
        foreach (var runner in report.Runners)
        {
            Assert.NotEmpty(runner.Trades);
            Assert.All(runner.Trades, t => Assert.Equal(runner.RunnerId, t.RunnerId));
            Assert.All(runner.Trades, t => Assert.Equal(runner.Symbol, t.Symbol));
            Assert.Equal(runner.Metrics, MetricsCalculator.Compute(runner.Trades, runner.Equity));
            Assert.Equal(10_000m + runner.Trades.Sum(t => t.Pnl), runner.Equity[^1].Equity);
            Assert.Null(runner.StoppedReason);
            AssertTradesNeverOverlap(runner.Trades);
        }

        Assert.Equal(report.Runners.Sum(r => r.Equity[^1].Equity), report.TotalEquity[^1].Equity);
        Assert.Equal(60_000m, report.TotalEquity[0].Equity);
        Assert.Equal(report.Total, MetricsCalculator.Compute(report.Runners.SelectMany(r => r.Trades).OrderBy(t => t.ExitTime).ToList(), report.TotalEquity));
        Assert.Equal(report.Runners.Sum(r => r.Trades.Count), report.Total.TradeCount);
        Assert.Equal(data["AAAUSDT"][0].OpenTime, report.StartTime);
        Assert.Equal(data["AAAUSDT"][^1].CloseTime, report.EndTime);
    }

    [Fact]
    public void Run_OpenPositionAtTheEnd_ClosesItAtTheLastCloseAsEndOfData()
    {
        var data = new Dictionary<string, IReadOnlyList<Candle>> { ["BTCUSDT"] = [Bars.Flat(0, 100), Bars.Flat(1, 100), Bars.Flat(2, 120)] };
        var catalog = new StrategyCatalog();
        catalog.Register(new StrategyDescriptor("once", "test", [], _ => ScriptedStrategy.EnterLongOnce(1)));
        var sut = new Backtester(catalog);

        var report = sut.Run(data, [Runner("r", "BTCUSDT", "once")]);

        var trade = Assert.Single(report.Runners[0].Trades);
        Assert.Equal("end_of_data", trade.ExitReason);
        Assert.Equal(120m, trade.ExitPrice);
        Assert.Equal(Bars.Flat(2, 0).CloseTime, report.Runners[0].Equity[^1].Timestamp);
    }

    [Fact]
    public void Run_KeepOpenPositions_MarksThemInTheFinalEquity()
    {
        var data = new Dictionary<string, IReadOnlyList<Candle>> { ["BTCUSDT"] = [Bars.Flat(0, 100), Bars.Flat(1, 100), Bars.Flat(2, 120)] };
        var catalog = new StrategyCatalog();
        catalog.Register(new StrategyDescriptor("once", "test", [], _ => ScriptedStrategy.EnterLongOnce(1)));
        var sut = new Backtester(catalog, new BacktestOptions { CloseOpenPositionsAtEnd = false });

        var report = sut.Run(data, [Runner("r", "BTCUSDT", "once")]);

        Assert.Empty(report.Runners[0].Trades);
        Assert.Equal(10_000m + 20 - 0.1m, report.Runners[0].Equity[^1].Equity);
    }

    [Fact]
    public void Run_RunnerWithoutData_FailsNamingRunnerAndSymbol()
    {
        var sut = new Backtester();

        var ex = Assert.Throws<ArgumentException>(() => sut.Run(Generated(10), [Runner("x", "ZZZUSDT", "ema-cross")]));

        Assert.Equal("Runner 'x' trades ZZZUSDT, but no data was given for ZZZUSDT; data: AAAUSDT, BBBUSDT, CCCUSDT.", ex.Message);
    }

    [Fact]
    public void Run_DuplicateRunnerId_Fails()
    {
        var sut = new Backtester();

        var ex = Assert.Throws<ArgumentException>(() => sut.Run(Generated(10), [Runner("x", "AAAUSDT", "ema-cross"), Runner("x", "BBBUSDT", "ema-cross")]));

        Assert.Contains("Duplicate runner ID 'x'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AccountExposureLimit_DeniesEntriesAcrossRunners()
    {
        var data = Generated(3000);
        var runners = Symbols.Select(s => Runner($"{s}_rsi", s, "rsi-reversion")).ToList();
        var limited = new Backtester(options: new BacktestOptions { AccountLimits = new RiskLimits { MaxExposureNotional = 1500 } });

        var report = limited.Run(data, runners);

        Assert.True(report.Runners.Sum(r => r.RiskDenials) > 0);
        Assert.Contains(report.Runners.SelectMany(r => r.Signals), s => s.Kind == "risk_denied" && s.Detail!.StartsWith("ExposureExceedsMaximum: ", StringComparison.Ordinal));
    }

    [Fact]
    public void SumEquity_RunnersChangingAtDifferentTimes_SumsLatestValues()
    {
        var data = new Dictionary<string, IReadOnlyList<Candle>>
        {
            ["AAAUSDT"] = [Bars.Flat(0, 10, "AAAUSDT"), Bars.Flat(1, 10, "AAAUSDT"), Bars.Flat(2, 11, "AAAUSDT")],
            ["BBBUSDT"] = [Bars.Flat(1, 10, "BBBUSDT"), Bars.Flat(2, 10, "BBBUSDT"), Bars.Flat(3, 9, "BBBUSDT")],
        };
        var catalog = new StrategyCatalog();
        catalog.Register(new StrategyDescriptor("once", "test", [], _ => ScriptedStrategy.EnterLongOnce(1)));
        var sut = new Backtester(catalog, new BacktestOptions { FeeRate = 0 });

        var report = sut.Run(data, [Runner("a", "AAAUSDT", "once"), Runner("b", "BBBUSDT", "once")]);

        Assert.Equal(
            [(Bars.Flat(0, 0).CloseTime, 20_000m), (Bars.Flat(2, 0).CloseTime, 20_001m), (Bars.Flat(3, 0).CloseTime, 20_000m)],
            report.TotalEquity.Select(p => (p.Timestamp, p.Equity)));
    }

    [Fact]
    public void Run_ReducedEquity_MetricsEqualThoseOfTheFullCurve()
    {
        var data = Generated(20_000);
        var runners = Symbols.SelectMany(s => new[] { Runner($"{s}_ema", s, "ema-cross"), Runner($"{s}_rsi", s, "rsi-reversion") }).ToList();
        var sut = new Backtester(options: new BacktestOptions { FullEquity = true, EquityResolution = 3_600_000 });

        var report = sut.Run(data, runners);

        foreach (var runner in report.Runners)
        {
            Assert.NotNull(runner.FullEquity);
            Assert.True(runner.Equity.Count < runner.FullEquity.Count / 5, $"{runner.RunnerId}: {runner.Equity.Count} of {runner.FullEquity.Count}");
            Assert.Equal(MetricsCalculator.Compute(runner.Trades, runner.FullEquity), runner.Metrics);
            Assert.Equal(runner.Metrics, MetricsCalculator.Compute(runner.Trades, runner.Equity));
            Assert.Subset(runner.FullEquity.ToHashSet(), runner.Equity.ToHashSet());
        }

        var pooled = report.Runners.SelectMany(r => r.Trades).OrderBy(t => t.ExitTime).ToList();
        Assert.Equal(MetricsCalculator.Compute(pooled, report.FullTotalEquity!), report.Total);
        Assert.Equal(report.FullTotalEquity![^1], report.TotalEquity[^1]);
    }

    [Fact]
    public void Run_WithoutFullEquity_KeepsNoFullCurve()
    {
        var report = new Backtester().Run(Generated(500), [Runner("a", "AAAUSDT", "ema-cross")]);

        Assert.Null(report.Runners[0].FullEquity);
        Assert.Null(report.FullTotalEquity);
        Assert.Equal(3_600_000, report.EquityResolution);
    }

    internal static void AssertTradesNeverOverlap(IReadOnlyList<ClosedTrade> trades)
    {
        for (var i = 1; i < trades.Count; i++)
        {
            Assert.True(trades[i].EntryTime >= trades[i - 1].ExitTime, $"trade {i} of {trades[i].RunnerId} opens before trade {i - 1} closes");
        }
    }
}
