using Hive.Testing;
using Hive.Trading.Backtesting;
using Hive.Trading.History;
using Hive.Trading.Market;
using Hive.Trading.Metrics;
using Hive.Trading.Runners;
using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.Backtesting;

public sealed class SharedDataBacktestTests
{
    private static readonly string[] Symbols = ["ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT"];

    [SharedDataFact]
    public void Run_SevenSymbolsTwoRunnersEach_CompletesWithSeparatePositionsAndRecomputableMetrics()
    {
        var data = Symbols.ToDictionary(
            s => s,
            s => (IReadOnlyList<Candle>)CandleHistory.LoadFile(SharedData.PathOf("klines", $"{s}-1m-2026-02.csv"), s));
        var runners = Symbols.SelectMany(s => new[]
        {
            new RunnerConfig { RunnerId = $"{s}_ema", Symbol = s, Strategy = "ema-cross", Parameters = StrategyParameters.Parse("fast=20,slow=60,stop=2") },
            new RunnerConfig { RunnerId = $"{s}_rsi", Symbol = s, Strategy = "rsi-reversion", Parameters = StrategyParameters.Parse("short=true") },
        }).ToList();

        var sut = new Backtester().Run(data, runners);

        Assert.Equal(data.Values.Sum(c => (long)c.Count), sut.Bars);
        Assert.Equal(14, sut.Runners.Count);
        var overlapping = 0;
        foreach (var symbol in Symbols)
        {
            var pair = sut.Runners.Where(r => r.Symbol == symbol).ToArray();
            Assert.Equal(2, pair.Length);
            foreach (var runner in pair)
            {
                Assert.NotEmpty(runner.Trades);
                Assert.All(runner.Trades, t => Assert.Equal(runner.RunnerId, t.RunnerId));
                BacktesterTests.AssertTradesNeverOverlap(runner.Trades);
                Assert.Equal(runner.Metrics.InitialEquity + runner.Trades.Sum(t => t.Pnl), runner.Metrics.FinalEquity);
                Assert.Equal(runner.Metrics, MetricsCalculator.Compute(runner.Trades, runner.Equity));
            }

            overlapping += pair[0].Trades.Count(a => pair[1].Trades.Any(b => a.EntryTime < b.ExitTime && b.EntryTime < a.ExitTime));
        }

        // Both runners of a symbol hold positions at the same time, each accounted on its own.
        Assert.True(overlapping > 0);
        Assert.Equal(sut.Total, MetricsCalculator.Compute(sut.Runners.SelectMany(r => r.Trades).OrderBy(t => t.ExitTime).ToList(), sut.TotalEquity));
        Assert.Equal(sut.Runners.Sum(r => r.Metrics.FinalEquity), sut.TotalEquity[^1].Equity);
    }
}
