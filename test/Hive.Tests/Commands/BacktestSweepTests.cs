using System.Globalization;
using System.Text;
using System.Text.Json;
using Hive.Commands;
using Hive.Testing;
using Hive.Trading.Backtesting;
using Hive.Trading.Backtesting.Sweeps;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Metrics;

namespace Hive.Tests.Commands;

public sealed class BacktestSweepTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hive-sweep-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();

    public BacktestSweepTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _output.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Out => Path.Combine(_folder, "out");

    private Task<int> Invoke(params string[] args) => CliHarness.RunBacktestAsync(_output, args);

    [Fact]
    public async Task Sweep_Points_EqualSingleBacktestsWithTheSameParameters()
    {
        var candles = Generate(6000, 11);
        var data = WriteKlines("NEARUSDT-1m-2026-01.csv", candles);

        var code = await Invoke("--data", data, "--runner", "s:NEARUSDT:ema-cross:stop=0.03", "--sweep", "fast=5,9,13", "--sweep", "slow=30..50:20",
            "--objective", "return", "--fee-bps", "7.5", "--out", Out);

        Assert.Equal(0, code);
        var points = ReadPoints(Out);
        Assert.Equal(6, points.Count);
        var returns = points.Select(static p => p.InSample!.TotalReturn).ToList();
        Assert.Equal(returns.OrderDescending(), returns);
        Assert.True(File.Exists(Path.Combine(Out, SweepReportWriter.CsvFileName)));
        Assert.True(File.Exists(Path.Combine(Out, SweepReportWriter.HtmlFileName)));
        Assert.Contains("Rank", _output.ToString(), StringComparison.Ordinal);
        foreach (var (fast, slow) in new[] { ("5", "30"), ("13", "50"), ("9", "30") })
        {
            var point = points.Single(p => p.Parameters["fast"] == fast && p.Parameters["slow"] == slow);
            var single = await SingleAsync($"single-{fast}-{slow}", "--data", data, "--runner", $"s:NEARUSDT:ema-cross:stop=0.03,fast={fast},slow={slow}", "--fee-bps", "7.5");

            Assert.Equal(single.Metrics, point.InSample);
            Assert.Equal(TradeFingerprint.Of(single.Trades), point.InSampleTrades);
            Assert.True(single.Trades.Count > 3, $"{single.Trades.Count} trades at fast={fast} slow={slow}");
        }
    }

    [Fact]
    public async Task Sweep_TrainUntil_InAndOutOfSampleEqualSingleBacktestsOverEachPart()
    {
        var candles = Generate(7200, 21);
        var cut = 4320;
        var full = WriteKlines("NEARUSDT-1m-2026-01.csv", candles);
        var head = WriteKlines("head.csv", candles[..cut]);
        var tail = WriteKlines("tail.csv", candles[cut..]);
        var until = DateTimeOffset.FromUnixTimeMilliseconds(candles[cut].OpenTime).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

        var code = await Invoke("--data", full, "--runner", "s:NEARUSDT:ema-cross", "--sweep", "fast=4..12:4", "--sweep", "slow=26,40",
            "--train-until", until, "--out", Out);

        Assert.Equal(0, code);
        var points = ReadPoints(Out);
        Assert.Equal(6, points.Count);
        var sharpes = points.Select(static p => p.InSample!.Sharpe).ToList();
        Assert.Equal(sharpes.OrderDescending(), sharpes);
        foreach (var (fast, slow) in new[] { ("4", "26"), ("12", "40") })
        {
            var point = points.Single(p => p.Parameters["fast"] == fast && p.Parameters["slow"] == slow);
            var runner = $"s:NEARUSDT:ema-cross:fast={fast},slow={slow}";
            var inSample = await SingleAsync($"in-{fast}-{slow}", "--data", $"NEARUSDT={head}", "--runner", runner);
            var outOfSample = await SingleAsync($"out-{fast}-{slow}", "--data", $"NEARUSDT={tail}", "--runner", runner);

            Assert.Equal(inSample.Metrics, point.InSample);
            Assert.Equal(TradeFingerprint.Of(inSample.Trades), point.InSampleTrades);
            Assert.Equal(outOfSample.Metrics, point.OutOfSample);
            Assert.Equal(TradeFingerprint.Of(outOfSample.Trades), point.OutOfSampleTrades);
        }

        Assert.Contains("sharpe (out)", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_HundredPointsOnGeneratedData_WritesRankedTableAndHeatMap()
    {
        var code = await Invoke("--generate", "BTCUSDT:4320:3", "--runner", "b:BTCUSDT:ema-cross",
            "--sweep", "fast=5..50:5", "--sweep", "slow=60..240:20", "--objective", "sortino", "--top", "5", "--out", Out);

        Assert.Equal(0, code);
        var points = ReadPoints(Out);
        Assert.Equal(100, points.Count);
        Assert.All(points, static p => Assert.NotNull(p.InSample));
        var sortinos = points.Select(static p => p.InSample!.Sortino).ToList();
        Assert.Equal(sortinos.OrderDescending(), sortinos);
        var html = await File.ReadAllTextAsync(Path.Combine(Out, SweepReportWriter.HtmlFileName));
        Assert.Equal(100, CountOf(html, "<td style=\"background:hsl("));
        Assert.Equal(101, File.ReadAllLines(Path.Combine(Out, SweepReportWriter.CsvFileName)).Length);
        Assert.Contains("100 points in", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("sweep: 100/100 points", _output.ToString(), StringComparison.Ordinal);
    }

    [SharedDataFact]
    public async Task Sweep_HundredPointsOverAMonthOfRealCandles_WritesRankedTableAndHeatMap()
    {
        var month = SharedData.PathOf("klines", "NEARUSDT-1m-2026-02.csv");

        var code = await Invoke("--data", month, "--runner", "near:NEARUSDT:ema-cross", "--sweep", "fast=5..50:5", "--sweep", "slow=60..240:20",
            "--train-until", "2026-02-21", "--out", Out);

        Assert.Equal(0, code);
        var points = ReadPoints(Out);
        Assert.Equal(100, points.Count);
        Assert.All(points, static p => Assert.NotNull(p.OutOfSample));
        var sharpes = points.Select(static p => p.InSample!.Sharpe).ToList();
        Assert.Equal(sharpes.OrderDescending(), sharpes);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Out, SweepReportWriter.JsonFileName)));
        Assert.Equal(40_320, json.RootElement.GetProperty("inSampleBars").GetInt64() + json.RootElement.GetProperty("outOfSampleBars").GetInt64());
        var html = await File.ReadAllTextAsync(Path.Combine(Out, SweepReportWriter.HtmlFileName));
        Assert.Equal(200, CountOf(html, "<td style=\"background:hsl("));
    }

    [Theory]
    [InlineData("--sweep 'foo': strategy 'ema-cross' (runner 's') has no parameter 'foo'; accepted: fast, slow", "--sweep", "foo=1..3")]
    [InlineData("--sweep 'fast=50..5:5': the range of 'fast' runs backwards (50 > 5)", "--sweep", "fast=50..5:5")]
    [InlineData("--sweep 'fast=5..50:0': the step of 'fast' must be positive", "--sweep", "fast=5..50:0")]
    [InlineData("--objective 'calmar': unknown objective; known: sharpe", "--sweep", "fast=5,8", "--objective", "calmar")]
    [InlineData("--train-until 'soon': expected a UTC date", "--sweep", "fast=5,8", "--train-until", "soon")]
    [InlineData("--samples belongs to a sweep", "--samples", "5")]
    [InlineData("--full-equity does not apply to a sweep", "--sweep", "fast=5,8", "--full-equity")]
    [InlineData("a sweep varies one runner, got 2 (s, t)", "--sweep", "fast=5,8", "--runner", "t:AAAUSDT:rsi-reversion")]
    [InlineData("no point of the sweep makes a valid strategy, e.g. fast=30: ", "--sweep", "fast=30,40")]
    public async Task Sweep_BadInput_FailsNamingTheProblem(string expected, params string[] extra)
    {
        var error = await Assert.ThrowsAsync<CliException>(() =>
            Invoke(["--generate", "AAAUSDT:500:1", "--runner", "s:AAAUSDT:ema-cross", "--out", Out, .. extra]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Sweep_TrainUntilAfterTheData_FailsNamingTheDate()
    {
        var error = await Assert.ThrowsAsync<CliException>(() =>
            Invoke("--generate", "AAAUSDT:500:1", "--runner", "s:AAAUSDT:ema-cross", "--sweep", "fast=5,8", "--train-until", "2030-01-01", "--out", Out));

        Assert.Contains("--train-until 2030-01-01 00:00: AAAUSDT has no bars from it on", error.Message, StringComparison.Ordinal);
    }

    private static Candle[] Generate(int bars, int seed) =>
        RandomWalkMarketDataSource.GenerateCandles("NEARUSDT", bars, new RandomWalkOptions { Seed = seed, StartPrice = 3 });

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task<RunnerReport> SingleAsync(string name, params string[] args)
    {
        var output = Path.Combine(_folder, name);
        Assert.Equal(0, await Invoke([.. args, "--out", output]));
        return Assert.Single(BacktestReportWriter.ReadJson(Path.Combine(output, BacktestReportWriter.JsonFileName)).Runners);
    }

    private string WriteKlines(string fileName, IEnumerable<Candle> candles)
    {
        var text = new StringBuilder("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n");
        foreach (var c in candles)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.OpenTime},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume},{c.CloseTime},0,0,0,0,0\n");
        }

        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static List<Point> ReadPoints(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, SweepReportWriter.JsonFileName)));
        return [.. json.RootElement.GetProperty("points").EnumerateArray().Select(static p => new Point(
            p.GetProperty("parameters").EnumerateObject().ToDictionary(static kv => kv.Name, static kv => kv.Value.GetString()!),
            p.TryGetProperty("inSample", out var i) ? Metrics(i) : null,
            p.TryGetProperty("outOfSample", out var o) ? Metrics(o) : null,
            p.TryGetProperty("inSample", out var it) ? it.GetProperty("tradesDigest").GetString() : null,
            p.TryGetProperty("outOfSample", out var ot) ? ot.GetProperty("tradesDigest").GetString() : null))];
    }

    private static PerformanceMetrics Metrics(JsonElement m) => new(
        m.GetProperty("initialEquity").GetDecimal(), m.GetProperty("finalEquity").GetDecimal(), D(m, "totalReturn"), D(m, "cagr"), D(m, "sharpe"),
        D(m, "sortino"), D(m, "maxDrawdown"), m.GetProperty("tradeCount").GetInt32(), D(m, "winRate"), D(m, "profitFactor"), D(m, "exposureTime"),
        m.GetProperty("netProfit").GetDecimal(), m.GetProperty("totalFees").GetDecimal());

    private static double D(JsonElement m, string name)
    {
        var value = m.GetProperty(name);
        return value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble();
    }

    private sealed record Point(Dictionary<string, string> Parameters, PerformanceMetrics? InSample, PerformanceMetrics? OutOfSample, string? InSampleTrades, string? OutOfSampleTrades);
}
