using System.Text.RegularExpressions;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Runners;
using Hive.Trading.Metrics;
using Hive.Trading.Portfolio;
using Hive.Trading.Strategies;

namespace Hive.Trading.Tests.Backtesting;

public sealed class BacktestReportWriterTests : IDisposable
{
    private const long Minute = 60_000;
    private static readonly long T0 = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hive-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Write_ThenReadJson_MetricsRecomputeFromTheReportsOwnTradesAndEquity()
    {
        var report = SampleReport();

        var (jsonPath, _) = BacktestReportWriter.Write(report, _directory);
        var sut = BacktestReportWriter.ReadJson(jsonPath);

        Assert.Equal(report.Runners.Count, sut.Runners.Count);
        foreach (var runner in sut.Runners)
        {
            Assert.Equal(runner.Metrics, MetricsCalculator.Compute(runner.Trades, runner.Equity));
        }

        Assert.Equal(sut.Total, MetricsCalculator.Compute(sut.Runners.SelectMany(r => r.Trades).ToList(), sut.TotalEquity));
        Assert.Equal(report.Runners[0].Trades, sut.Runners[0].Trades);
    }

    [Fact]
    public void Write_ThenReadJson_SignalsEquityAndTradesRoundTrip()
    {
        var candles = RandomWalkMarketDataSource.GenerateCandles("BTCUSDT", 5_000, new RandomWalkOptions { Seed = 3 });
        var report = new Backtester().Run(
            new Dictionary<string, IReadOnlyList<Candle>> { ["BTCUSDT"] = candles },
            [new RunnerConfig { RunnerId = "ema", Symbol = "BTCUSDT", Strategy = "ema-cross", InitialEquity = 10_000m }]);

        var (jsonPath, _) = BacktestReportWriter.Write(report, _directory);
        var sut = BacktestReportWriter.ReadJson(jsonPath);

        Assert.NotEmpty(sut.Runners[0].Signals);
        Assert.Equal(report.Runners[0].Signals, sut.Runners[0].Signals);
        Assert.Equal(report.Runners[0].Equity, sut.Runners[0].Equity);
        Assert.Equal(report.Runners[0].Trades, sut.Runners[0].Trades);
        Assert.Equal(report.TotalEquity, sut.TotalEquity);
        Assert.False(File.Exists(Path.Combine(_directory, BacktestReportWriter.FullEquityFileName)));
    }

    [Fact]
    public void Write_FullEquity_WritesEveryBarsEquityInColumns()
    {
        var candles = RandomWalkMarketDataSource.GenerateCandles("BTCUSDT", 3_000, new RandomWalkOptions { Seed = 5 });
        var report = new Backtester(options: new BacktestOptions { FullEquity = true }).Run(
            new Dictionary<string, IReadOnlyList<Candle>> { ["BTCUSDT"] = candles },
            [new RunnerConfig { RunnerId = "ema", Symbol = "BTCUSDT", Strategy = "ema-cross", InitialEquity = 10_000m }]);

        BacktestReportWriter.Write(report, _directory);
        using var sut = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, BacktestReportWriter.FullEquityFileName)));

        var runner = sut.RootElement.GetProperty("runners").GetProperty("ema");
        Assert.Equal(report.Runners[0].FullEquity!.Count, runner.GetProperty("equity").GetArrayLength());
        Assert.Equal(report.Runners[0].FullEquity![^1].Equity, runner.GetProperty("equity")[runner.GetProperty("equity").GetArrayLength() - 1].GetDecimal());
        Assert.Equal(report.Runners[0].FullEquity![^1].Timestamp, runner.GetProperty("time").EnumerateArray().Sum(t => t.GetInt64()));
        Assert.True(report.Runners[0].FullEquity!.Count > 10 * report.Runners[0].Equity.Count);
    }

    [Fact]
    public void Write_Html_IsSelfContainedAndMarksEveryEntryAndExit()
    {
        var report = SampleReport();

        var (_, htmlPath) = BacktestReportWriter.Write(report, _directory);
        var sut = File.ReadAllText(htmlPath);

        Assert.DoesNotMatch(new Regex("<script|<link|src=\"http", RegexOptions.IgnoreCase), sut);
        var markers = Regex.Matches(sut, "<g><title>(entry|exit): ").Count;
        Assert.Equal(2 * report.Runners.Sum(r => r.Trades.Count), markers);
        Assert.Contains("<svg", sut, StringComparison.Ordinal);
        Assert.Contains("ema&lt;fast&gt;", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadJson_NotAReport_ThrowsInvalidDataNamingTheFile()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, "{ \"runners\": 5 }");

        var ex = Assert.Throws<InvalidDataException>(() => BacktestReportWriter.ReadJson(path));

        Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregate_ManyCandles_KeepsExtremesAndEnds()
    {
        var candles = Enumerable.Range(0, 1000)
            .Select(i => new Candle("X", T0 + i * Minute, T0 + (i + 1) * Minute - 1, 100 + i, 101 + i + (i == 500 ? 50 : 0), 99 + i, 100.5 + i, 1))
            .ToArray();

        var sut = BacktestReportHtml.Aggregate(candles, 100);

        Assert.Equal(100, sut.Length);
        Assert.Equal(candles[0].Open, sut[0].Open);
        Assert.Equal(candles[^1].Close, sut[^1].Close);
        Assert.Equal(candles.Max(c => c.High), sut.Max(c => c.High));
        Assert.Equal(candles.Min(c => c.Low), sut.Min(c => c.Low));
        Assert.Equal(1000, sut.Sum(c => c.Volume));
    }

    [Fact]
    public void Aggregate_DataWithAGap_DrawsNoBarAcrossIt()
    {
        // 300 candles, then a six-hour hole, then 300 more.
        var candles = Enumerable.Range(0, 600)
            .Select(i => T0 + (i < 300 ? i : i + 360) * Minute)
            .Select(t => new Candle("X", t, t + Minute - 1, 100, 101, 99, 100.5, 1))
            .ToArray();

        var sut = BacktestReportHtml.Aggregate(candles, 50);

        Assert.DoesNotContain(sut, b => b.OpenTime < candles[300].OpenTime && b.CloseTime > candles[299].CloseTime);
        Assert.Contains(sut, b => b.CloseTime == candles[299].CloseTime);
        Assert.Contains(sut, b => b.OpenTime == candles[300].OpenTime);
        Assert.Equal(600, sut.Sum(c => c.Volume));
        Assert.True(sut.Length <= 52, $"{sut.Length} bars");
    }

    [Fact]
    public void Downsample_LongCurve_KeepsTheTroughAndTheLastPoint()
    {
        var points = Enumerable.Range(0, 10_000).Select(i => new EquityPoint(T0 + i, i == 4321 ? 1m : 1000m + i)).ToList();

        var sut = BacktestReportHtml.Downsample(points, 500);

        Assert.True(sut.Count <= 502);
        Assert.Contains(points[4321], sut);
        Assert.Equal(points[^1], sut[^1]);
    }

    private static BacktestReport SampleReport()
    {
        var candles = Enumerable.Range(0, 3 * 24 * 60)
            .Select(i => new Candle("BTCUSDT", T0 + i * Minute, T0 + (i + 1) * Minute - 1, 100 + Math.Sin(i / 50.0), 101 + Math.Sin(i / 50.0), 99 + Math.Sin(i / 50.0), 100 + Math.Sin((i + 1) / 50.0), 5))
            .ToArray();
        var a = Runner("ema<fast>", [Trade("ema<fast>", 10, 200, 100m, 101.5m, PositionSide.Long), Trade("ema<fast>", 1500, 2900, 101m, 100.2m, PositionSide.Long)]);
        var b = Runner("rsi", [Trade("rsi", 300, 700, 100.5m, 99.5m, PositionSide.Short)]);
        var total = a.Equity.Concat(b.Equity).GroupBy(p => p.Timestamp).OrderBy(g => g.Key)
            .Select(g => new EquityPoint(g.Key, 20_000m + g.Sum(p => p.Equity - 10_000m))).ToList();
        var trades = a.Trades.Concat(b.Trades).ToList();
        return new BacktestReport(candles[0].OpenTime, candles[^1].CloseTime, candles.Length, 10_000m, [a, b],
            MetricsCalculator.Compute(trades, total), total, new Dictionary<string, IReadOnlyList<Candle>> { ["BTCUSDT"] = candles });
    }

    private static RunnerReport Runner(string id, ClosedTrade[] trades)
    {
        var equity = new List<EquityPoint> { new(T0, 10_000m) };
        var cash = 10_000m;
        foreach (var trade in trades)
        {
            cash += trade.Pnl;
            equity.Add(new EquityPoint(trade.ExitTime, cash));
        }

        equity.Add(new EquityPoint(T0 + 3 * 24 * 60 * Minute - 1, cash));
        return new RunnerReport(id, "BTCUSDT", id.StartsWith("ema", StringComparison.Ordinal) ? "ema-cross" : "rsi-reversion",
            new Dictionary<string, string> { ["fast"] = "12" }, trades, equity, MetricsCalculator.Compute(trades, equity), [], 0, [], null);
    }

    private static ClosedTrade Trade(string runner, int entryMinute, int exitMinute, decimal entry, decimal exit, PositionSide side)
    {
        const decimal quantity = 2m;
        var fees = (entry + exit) * quantity * 0.001m;
        var gross = (exit - entry) * quantity * (side == PositionSide.Long ? 1 : -1);
        return new ClosedTrade(runner, "BTCUSDT", side, quantity, T0 + entryMinute * Minute, entry, T0 + exitMinute * Minute, exit, fees, gross - fees, "strategy");
    }
}
