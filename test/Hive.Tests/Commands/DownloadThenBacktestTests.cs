using System.Globalization;
using Hive.Binance.Testing;
using Hive.Trading.Backtesting;
using Hive.Trading.History;
using Hive.Trading.Market;
using Hive.Trading.Metrics;

namespace Hive.Tests.Commands;

/// <summary>
/// End to end through the CLI: <c>hive data download</c> from a local fake exchange into monthly archive files, then
/// the same folder read back by the history loader and replayed by <c>hive backtest</c>.
/// </summary>
public sealed class DownloadThenBacktestTests : IDisposable
{
    private const string Symbol = "BTCUSDT";
    private static readonly DateTimeOffset From = new(2024, 1, 31, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ToExclusive = From.AddDays(2);

    private readonly string _root = Directory.CreateTempSubdirectory("hive-download-backtest-").FullName;
    private readonly StringWriter _output = new();

    public void Dispose()
    {
        _output.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string Data => Path.Combine(_root, "klines");

    private string Out => Path.Combine(_root, "out");

    [Fact]
    public async Task DownloadThenLoad_RangeAcrossMonthEnd_LoadsExactlyTheServedCandles()
    {
        var served = await DownloadAsync();

        var sut = CandleHistory.LoadFolder(Data);

        var series = Assert.Single(sut);
        Assert.Equal(["BTCUSDT-1m-2024-01.csv", "BTCUSDT-1m-2024-02.csv"], series.Sources.Select(Path.GetFileName));
        Assert.Equal(Symbol, series.Symbol);
        Assert.Equal(2 * 1440, series.Candles.Count);
        Assert.Equal(served, series.Candles);
    }

    [Fact]
    public async Task DownloadThenBacktest_TwoRunnersOnTheDownloadedFolder_ReportCoversEveryBarAndMetricsRecompute()
    {
        var served = await DownloadAsync();

        var exit = await CliHarness.RunBacktestAsync(_output,
            "--data", Data,
            "--runner", $"a:{Symbol}:ema-cross:fast=5,slow=20",
            "--runner", $"b:{Symbol}:rsi-reversion",
            "--out", Out);

        Assert.Equal(0, exit);
        var reportPath = Path.Combine(Out, BacktestReportWriter.JsonFileName);
        Assert.True(File.Exists(reportPath), $"no {reportPath}");
        var sut = BacktestReportWriter.ReadJson(reportPath);
        Assert.Equal(["a", "b"], sut.Runners.Select(r => r.RunnerId));
        Assert.All(sut.Runners, r => Assert.Equal(Symbol, r.Symbol));
        Assert.Equal(served.Count, sut.Bars);
        Assert.Equal(served[0].OpenTime, sut.StartTime);
        Assert.Equal(served[^1].CloseTime, sut.EndTime);
        foreach (var runner in sut.Runners)
        {
            Assert.Null(runner.StoppedReason);
            Assert.Equal(runner.Metrics, MetricsCalculator.Compute(runner.Trades, runner.Equity));
        }

        Assert.NotEmpty(sut.Runners.SelectMany(r => r.Trades));
    }

    /// <summary>
    /// Serves a day on each side of the range too, downloads <see cref="From"/> to the day before
    /// <see cref="ToExclusive"/> (both inclusive), and returns the candles the server holds inside the range.
    /// </summary>
    private async Task<IReadOnlyList<Candle>> DownloadAsync()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var rows = server.GenerateKlines(Symbol, "1m", From.AddDays(-1).ToUnixTimeMilliseconds(), 4 * 1440, seed: 7);

        var exit = await CliHarness.RunDataAsync(null,
            "data", "download", "--symbol", Symbol, "--interval", "1m",
            "--from", From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--to", ToExclusive.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--out", Data, "--base-url", server.RestUrl.ToString());

        Assert.Equal(0, exit);
        return rows
            .Select(ToCandle)
            .Where(c => c.OpenTime >= From.ToUnixTimeMilliseconds() && c.OpenTime < ToExclusive.ToUnixTimeMilliseconds())
            .ToList();
    }

    private static Candle ToCandle(string[] row) => new(
        Symbol,
        OpenTime: long.Parse(row[0], CultureInfo.InvariantCulture),
        CloseTime: long.Parse(row[6], CultureInfo.InvariantCulture),
        Open: double.Parse(row[1], CultureInfo.InvariantCulture),
        High: double.Parse(row[2], CultureInfo.InvariantCulture),
        Low: double.Parse(row[3], CultureInfo.InvariantCulture),
        Close: double.Parse(row[4], CultureInfo.InvariantCulture),
        Volume: double.Parse(row[5], CultureInfo.InvariantCulture));
}
