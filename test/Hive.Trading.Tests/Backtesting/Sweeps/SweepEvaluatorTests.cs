using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.Backtesting.Sweeps;

public sealed class SweepEvaluatorTests
{
    private static readonly Candle[] Candles = RandomWalkMarketDataSource.GenerateCandles("BTCUSDT", 6000, new RandomWalkOptions { Seed = 5 });
    private static readonly Dictionary<string, IReadOnlyList<Candle>> Data = new() { ["BTCUSDT"] = Candles };
    private static readonly RunnerConfig Runner = new() { RunnerId = "r", Symbol = "BTCUSDT", Strategy = "ema-cross", Parameters = StrategyParameters.Parse("slow=40") };

    private readonly Backtester _backtester = new(StrategyCatalog.CreateWithBuiltIns(), new BacktestOptions { FeeRate = 0.00075m });

    [Fact]
    public void Run_Point_EqualsABacktestOfTheRunnerWithThePointsValues()
    {
        var sut = new SweepEvaluator(_backtester, Runner, ["fast"], Data);

        var result = sut.Run(new SweepPoint(3, ["7"]));

        var single = _backtester.Run(Data, [Runner with { Parameters = StrategyParameters.Parse("fast=7,slow=40") }]).Runners[0];
        Assert.Null(result.Error);
        Assert.Equal(single.Metrics, result.InSample);
        Assert.Equal(TradeFingerprint.Of(single.Trades), result.InSampleTrades);
        Assert.Null(result.OutOfSample);
        Assert.True(single.Trades.Count > 5, $"{single.Trades.Count} trades");
    }

    [Fact]
    public void Run_SplitData_RunsInSampleAndOutOfSampleEachFromAFreshStart()
    {
        var until = Candles[3500].OpenTime;
        var sut = new SweepEvaluator(_backtester, Runner, ["fast", "slow"], Data, until);

        var result = sut.Run(new SweepPoint(0, ["9", "30"]));

        var config = Runner with { Parameters = StrategyParameters.Parse("fast=9,slow=30") };
        var inSample = _backtester.Run(new Dictionary<string, IReadOnlyList<Candle>> { ["BTCUSDT"] = Candles[..3500] }, [config]).Runners[0];
        var outOfSample = _backtester.Run(new Dictionary<string, IReadOnlyList<Candle>> { ["BTCUSDT"] = Candles[3500..] }, [config]).Runners[0];
        Assert.Equal(3500, sut.InSampleBars);
        Assert.Equal(2500, sut.OutOfSampleBars);
        Assert.Equal(inSample.Metrics, result.InSample);
        Assert.Equal(outOfSample.Metrics, result.OutOfSample);
        Assert.Equal(TradeFingerprint.Of(outOfSample.Trades), result.OutOfSampleTrades);
        Assert.NotEqual(result.InSampleTrades, result.OutOfSampleTrades);
    }

    [Fact]
    public void Run_PointTheStrategyRejects_GivesItsReasonWithoutMetrics()
    {
        var sut = new SweepEvaluator(_backtester, Runner, ["fast"], Data);

        var result = sut.Run(new SweepPoint(1, ["40"]));

        Assert.Null(result.InSample);
        Assert.Contains("'fast' (40) must be smaller than 'slow' (40)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "has no bars before it")]
    [InlineData(long.MaxValue / 2, "has no bars from it on")]
    public void Split_DateOutsideTheData_FailsNamingTheDate(long until, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => BacktestInputs.Split(Data, until, "BTCUSDT"));

        Assert.Contains("--train-until", error.Message, StringComparison.Ordinal);
        Assert.Contains("BTCUSDT " + expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_SameTradesReadBackWithTrailingZeros_IsTheSame()
    {
        var trades = _backtester.Run(Data, [Runner]).Runners[0].Trades;
        var padded = trades.Select(static t => t with { EntryPrice = t.EntryPrice * 1.000m, Pnl = t.Pnl * 1.00m }).ToList();

        Assert.Equal(TradeFingerprint.Of(trades), TradeFingerprint.Of(padded));
        Assert.NotEqual(TradeFingerprint.Of(trades), TradeFingerprint.Of(trades.Skip(1).ToList()));
    }
}
