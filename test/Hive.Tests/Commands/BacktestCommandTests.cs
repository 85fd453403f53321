using System.CommandLine;
using System.Globalization;
using System.Text;
using Hive.Commands;
using Hive.Testing;
using Hive.Trading.Backtesting;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Hive.Trading.Metrics;
using Hive.Trading.Strategies;
using Hive.Trading.Strategies.Compiled;
using Spectre.Console;

namespace Hive.Tests.Commands;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hive-backtest-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();

    public BacktestCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _output.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Out => Path.Combine(_folder, "out");

    private Task<int> Invoke(params string[] args) => CliHarness.RunBacktestAsync(_output, args);

    private async Task<string> Fails(params string[] args) => (await Assert.ThrowsAsync<CliException>(() => Invoke(args))).Message;

    private string WriteKlines(string fileName, int bars, int seed, string symbol = "NEARUSDT")
    {
        var candles = RandomWalkMarketDataSource.GenerateCandles(symbol, bars, new RandomWalkOptions { Seed = seed, StartPrice = 3 });
        var text = new StringBuilder("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n");
        foreach (var c in candles)
        {
            text.Append(CultureInfo.InvariantCulture, $"{c.OpenTime},{c.Open},{c.High},{c.Low},{c.Close},{c.Volume},{c.CloseTime},0,0,0,0,0\n");
        }

        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Backtest_FullEquity_WritesEveryBarWhileReportKeepsHourlyPointsWithTheSameMetrics()
    {
        var code = await Invoke("--generate", "AAAUSDT:6000:4", "--runner", "a:AAAUSDT:ema-cross:fast=5,slow=20", "--out", Out, "--full-equity");

        Assert.Equal(0, code);
        var sut = BacktestReportWriter.ReadJson(Path.Combine(Out, BacktestReportWriter.JsonFileName));
        using var full = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, BacktestReportWriter.FullEquityFileName)));
        var columns = full.RootElement.GetProperty("runners").GetProperty("a");
        var time = 0L;
        var curve = columns.GetProperty("time").EnumerateArray().Zip(columns.GetProperty("equity").EnumerateArray())
            .Select(p => new Hive.Trading.Portfolio.EquityPoint(time += p.First.GetInt64(), p.Second.GetDecimal())).ToList();
        Assert.True(curve.Count > 10 * sut.Runners[0].Equity.Count, $"{curve.Count} bar points, {sut.Runners[0].Equity.Count} report points");
        Assert.Equal(MetricsCalculator.Compute(sut.Runners[0].Trades, curve), sut.Runners[0].Metrics);
        Assert.Equal(3_600_000, sut.EquityResolution);
    }

    [Fact]
    public async Task Backtest_WithoutFullEquity_WritesNoFullEquityFile()
    {
        var code = await Invoke("--generate", "AAAUSDT:500:4", "--runner", "a:AAAUSDT:ema-cross", "--out", Out);

        Assert.Equal(0, code);
        Assert.False(File.Exists(Path.Combine(Out, BacktestReportWriter.FullEquityFileName)));
    }

    [Fact]
    public async Task Backtest_GeneratedDataTwoRunnersPerSymbol_WritesReportWhoseMetricsRecompute()
    {
        var code = await Invoke(
            "--generate", "AAAUSDT:3000:1", "--generate", "BBBUSDT:3000:2",
            "--runner", "a_ema:AAAUSDT:ema-cross:fast=5,slow=20", "--runner", "a_rsi:AAAUSDT:rsi-reversion",
            "--runner", "b_ema:BBBUSDT:ema-cross", "--runner", "b_rsi:BBBUSDT:rsi-reversion:short=true",
            "--out", Out, "--fee-bps", "5");

        Assert.Equal(0, code);
        var sut = BacktestReportWriter.ReadJson(Path.Combine(Out, "report.json"));
        Assert.True(File.Exists(Path.Combine(Out, "report.html")));
        Assert.Equal(["a_ema", "a_rsi", "b_ema", "b_rsi"], sut.Runners.Select(r => r.RunnerId));
        Assert.Equal(6000, sut.Bars);
        foreach (var runner in sut.Runners)
        {
            Assert.Equal(runner.Metrics, MetricsCalculator.Compute(runner.Trades, runner.Equity));
            Assert.All(runner.Trades, t => Assert.Equal(runner.RunnerId, t.RunnerId));
            Assert.All(runner.Trades, t => Assert.Equal(t.Quantity * (t.EntryPrice + t.ExitPrice) * 0.0005m, t.Fees));
        }

        Assert.Equal("5", sut.Runners[0].Parameters["fast"]);
        Assert.Contains("a_rsi", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("total", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_FolderOfMonthlyFilesAndSymbolEqualsPath_LoadsEachSymbol()
    {
        var folder = Path.Combine(_folder, "klines");
        Directory.CreateDirectory(folder);
        File.Move(WriteKlines("NEARUSDT-1m-2026-02.csv", 500, 3), Path.Combine(folder, "NEARUSDT-1m-2026-02.csv"));
        File.Move(WriteKlines("LTCUSDT-1m-2026-02.csv", 400, 4, "LTCUSDT"), Path.Combine(folder, "LTCUSDT-1m-2026-02.csv"));
        var other = WriteKlines("my-candles.csv", 300, 5, "DOTUSDT");

        var code = await Invoke("--data", folder, "--data", $"DOTUSDT={other}",
            "--runner", "near:NEARUSDT:ema-cross", "--runner", "ltc:LTCUSDT:rsi-reversion", "--runner", "dot:DOTUSDT:rsi-reversion", "--out", Out);

        Assert.Equal(0, code);
        var sut = BacktestReportWriter.ReadJson(Path.Combine(Out, "report.json"));
        Assert.Equal(1200, sut.Bars);
    }

    [Fact]
    public async Task Backtest_RunnersYaml_ReadsParametersQuantityRiskAndPolicy()
    {
        var yaml = Path.Combine(_folder, "runners.yaml");
        await File.WriteAllTextAsync(yaml, """
            # Two runners on one symbol, each with its own strategy and position.
            runners:
              - id: near_ema
                symbol: nearusdt
                strategy: ema-cross
                parameters:
                  fast: 8
                  slow: 21
                  stop: 2
                quantity: 100
              - id: near_rsi
                symbol: NEARUSDT
                strategy: rsi-reversion
                parameters: { period: 10, oversold: 25 }
                policy: development
                initial_equity: 5000
                risk:
                  max_order_notional: 250
                  max_orders_per_second: 5
            """);

        var code = await Invoke("--data", WriteKlines("NEARUSDT-1m-2026-02.csv", 2000, 9), "--runners", yaml, "--runner", "extra:NEARUSDT:ema-cross", "--out", Out);

        Assert.Equal(0, code);
        var sut = BacktestReportWriter.ReadJson(Path.Combine(Out, "report.json"));
        Assert.Equal(["extra", "near_ema", "near_rsi"], sut.Runners.Select(r => r.RunnerId));
        var ema = sut.Runners.Single(r => r.RunnerId == "near_ema");
        Assert.All(ema.Trades, t => Assert.Equal(100m, t.Quantity));
        Assert.Equal("21", ema.Parameters["slow"]);
        var rsi = sut.Runners.Single(r => r.RunnerId == "near_rsi");
        Assert.Equal(5000m, rsi.Metrics.InitialEquity);
        Assert.True(rsi.RiskDenials > 0);
    }

    [Fact]
    public async Task Backtest_YamlStrategyFileBesideTheRunnersFile_IsResolvedAgainstItsFolder()
    {
        var folder = Path.Combine(_folder, "config");
        Directory.CreateDirectory(Path.Combine(folder, "strategies"));
        await File.WriteAllTextAsync(Path.Combine(folder, "strategies", "mine.lua"), "-- script");
        await File.WriteAllTextAsync(Path.Combine(folder, "runners.yaml"), "- { id: a, symbol: AAAUSDT, strategy: strategies/mine.lua }\n");
        var resolver = new RecordingResolver();
        var catalog = StrategyCatalog.CreateWithBuiltIns();
        catalog.AddResolver(resolver);
        var root = new RootCommand();
        root.Subcommands.Add(BacktestCommand.Create(catalog, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output) })));

        var code = await root.Parse(["backtest", "--generate", "AAAUSDT:50", "--runners", Path.Combine(folder, "runners.yaml"), "--out", Out])
            .InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });

        Assert.Equal(0, code);
        Assert.Equal(Path.Combine(folder, "strategies/mine.lua"), resolver.Names.Distinct().Single());
    }

    [Fact]
    public async Task Backtest_RunnerStoppedByStrategyError_WritesTheReportAndExitsWithFailed()
    {
        var catalog = StrategyCatalog.CreateWithBuiltIns();
        catalog.Register(new StrategyDescriptor("boom", "throws", [], _ => new ThrowingStrategy()));
        var root = new RootCommand();
        root.Subcommands.Add(BacktestCommand.Create(catalog, AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_output), Ansi = AnsiSupport.No })));

        var ex = await Assert.ThrowsAsync<CliException>(() => root.Parse(["backtest", "--generate", "AAAUSDT:50", "--runner", "bad:AAAUSDT:boom", "--runner", "good:AAAUSDT:ema-cross", "--out", Out])
            .InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));

        Assert.Equal(ExitCodes.Failed, ex.ExitCode);
        Assert.Equal("1 runner(s) stopped on a strategy error: bad: boom: detect_opportunity: InvalidOperationException: no data today", ex.Message);
        Assert.True(File.Exists(Path.Combine(Out, "report.json")));
        Assert.Contains("stopped: boom: detect_opportunity", _output.ToString(), StringComparison.Ordinal);
    }

    private sealed class ThrowingStrategy : IStrategy
    {
        public string Name => "boom";

        public StrategyAction DetectOpportunity(in MarketData data, StrategyContext context, IIndicatorProvider indicators) =>
            throw new InvalidOperationException("no data today");

        public StrategyAction FilterCommitment(in MarketData data, StrategyContext context, IIndicatorProvider indicators) => StrategyAction.None;

        public StrategyAction ManagePosition(in MarketData data, StrategyContext context, IIndicatorProvider indicators) => StrategyAction.None;
    }

    private sealed class RecordingResolver : IStrategyResolver
    {
        public List<string> Names { get; } = [];

        public string Description => "*.lua scripts";

        public bool CanResolve(string name) => name.EndsWith(".lua", StringComparison.Ordinal);

        public IStrategy Create(string name, StrategyParameters parameters)
        {
            Names.Add(name);
            return new EmaCrossStrategy();
        }
    }

    [Theory]
    [InlineData("a:AAAUSDT:macd-magic", "runner 'a': unknown strategy 'macd-magic'; known: ema-cross, rsi-reversion")]
    [InlineData("a:AAAUSDT:ema-cross:fast=x", "runner 'a': strategy 'ema-cross': Strategy parameter 'fast' must be an integer, got 'x'.")]
    [InlineData("a:AAAUSDT:ema-cross:slowww=3", "runner 'a': strategy 'ema-cross' has no parameter 'slowww'; accepted: fast, slow, quantity, stop, take, short")]
    [InlineData("a:AAAUSDT", "--runner 'a:AAAUSDT': expected ID:SYMBOL:STRATEGY[:k=v,k=v], e.g. near_ema:NEARUSDT:ema-cross:fast=12,slow=26")]
    [InlineData("a:AAAUSDT:ema-cross:fast", "--runner 'a:AAAUSDT:ema-cross:fast': Strategy parameter 'fast' is not of the form name=value.")]
    [InlineData("a b:AAAUSDT:ema-cross", "--runner 'a b:AAAUSDT:ema-cross': Runner ID 'a b' is invalid: use letters, digits, '_', '-' or '.'.")]
    [InlineData("a:ZZZUSDT:ema-cross", "runner 'a' trades ZZZUSDT, but no --data or --generate gives ZZZUSDT (loaded: AAAUSDT)")]
    public async Task Backtest_BadRunner_FailsWithOneClearLine(string spec, string expected)
    {
        Assert.Equal(expected, await Fails("--generate", "AAAUSDT:100", "--runner", spec, "--out", Out));
    }

    [Fact]
    public async Task Backtest_DuplicateRunnerId_Fails()
    {
        var message = await Fails("--generate", "AAAUSDT:100", "--runner", "a:AAAUSDT:ema-cross", "--runner", "a:AAAUSDT:rsi-reversion", "--out", Out);

        Assert.Equal("duplicate runner ID 'a': every runner needs its own ID", message);
    }

    [Fact]
    public async Task Backtest_MissingFile_NamesThePath()
    {
        var missing = Path.Combine(_folder, "NOPEUSDT-1m-2026-02.csv");

        var message = await Fails("--data", missing, "--runner", "a:NOPEUSDT:ema-cross", "--out", Out);

        Assert.Equal($"--data '{missing}': no such file or folder: {missing}", message);
    }

    [Fact]
    public async Task Backtest_MalformedCsvRow_NamesFileAndLine()
    {
        var path = WriteKlines("NEARUSDT-1m-2026-02.csv", 10, 1);
        var lines = File.ReadAllLines(path);
        lines[4] = lines[4].Replace(",", ",x", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var message = await Fails("--data", path, "--runner", "a:NEARUSDT:ema-cross", "--out", Out);

        Assert.StartsWith($"--data '{path}': ", message, StringComparison.Ordinal);
        Assert.Contains("NEARUSDT-1m-2026-02.csv line 5: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_FileNameWithoutSymbol_AsksForSymbolEqualsPath()
    {
        var path = WriteKlines("candles.csv", 10, 1);

        var message = await Fails("--data", path, "--runner", "a:NEARUSDT:ema-cross", "--out", Out);

        Assert.Contains("cannot tell the symbol from the file name; name it like NEARUSDT-1m-2026-02.csv or pass SYMBOL=PATH", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_YamlUnknownField_NamesFileAndLine()
    {
        var yaml = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(yaml, "- id: a\n  symbol: AAAUSDT\n  strat: ema-cross\n");

        var message = await Fails("--generate", "AAAUSDT:100", "--runners", yaml, "--out", Out);

        Assert.Equal($"{yaml}:3: unknown runner field 'strat'; expected id, symbol, strategy, parameters, timeframe, quantity, allocation, initial_equity, window, policy, risk", message);
    }

    [Theory]
    [InlineData("  timeframe: 7m\n", ":4: runner 'a': timeframe '7m' is not one of 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d")]
    [InlineData("  allocation: 100\n", ":1: Runner 'a': allocation must be a fraction of equity, 0 < allocation <= 1 (0.25 is a quarter), got 100.")]
    [InlineData("  timeframe: 15m\n  parameters: { timeframe: 1h }\n", ":4: runner 'a': timeframe '15m' differs from parameter timeframe '1h'; give it once")]
    public async Task Backtest_YamlBadTimeframeOrAllocation_NamesFileLineAndRunner(string extra, string expected)
    {
        var yaml = Path.Combine(_folder, "bad.yaml");
        await File.WriteAllTextAsync(yaml, "- id: a\n  symbol: AAAUSDT\n  strategy: ema-cross\n" + extra);

        var message = await Fails("--generate", "AAAUSDT:100", "--runners", yaml, "--out", Out);

        Assert.Equal(yaml + expected, message);
    }

    [Fact]
    public async Task Backtest_YamlTimeframe_RunnerTradesOnFifteenMinuteBars()
    {
        var yaml = Path.Combine(_folder, "tf.yaml");
        await File.WriteAllTextAsync(yaml, "- id: a\n  symbol: AAAUSDT\n  strategy: ema-cross\n  timeframe: 15m\n  quantity: 1\n");

        var code = await Invoke("--generate", "AAAUSDT:20000:4", "--runners", yaml, "--out", Out);

        Assert.Equal(0, code);
        var report = BacktestReportWriter.ReadJson(Path.Combine(Out, "report.json"));
        var runner = Assert.Single(report.Runners);
        Assert.Equal("15m", runner.Parameters["timeframe"]);
        Assert.NotEmpty(runner.Trades);
        Assert.All(runner.Trades.Where(t => t.ExitReason == "strategy"), t => Assert.Equal(0, (t.ExitTime + 1) % (15 * 60_000)));
        Assert.All(runner.Trades, t => Assert.Equal(0, (t.EntryTime + 1) % (15 * 60_000)));
    }

    [Fact]
    public async Task Backtest_NoRunnersOrNoData_SaysWhatIsMissing()
    {
        Assert.StartsWith("no runners", await Fails("--generate", "AAAUSDT:100", "--out", Out), StringComparison.Ordinal);
        Assert.StartsWith("no data", await Fails("--runner", "a:AAAUSDT:ema-cross", "--out", Out), StringComparison.Ordinal);
        Assert.StartsWith("--generate 'AAAUSDT:0'", await Fails("--generate", "AAAUSDT:0", "--runner", "a:AAAUSDT:ema-cross", "--out", Out), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_RepeatedBarsInTheData_AreReportedWithCountAndFirstPlace()
    {
        var path = WriteKlines("NEARUSDT-1m-2026-02.csv", 200, seed: 3);
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(51, lines[50]);
        lines.Insert(101, lines[100]);
        File.WriteAllLines(path, lines);

        var code = await Invoke("--data", path, "--runner", "a:NEARUSDT:ema-cross", "--out", Out);

        Assert.Equal(0, code);
        var output = string.Join(' ', _output.ToString().Split(['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("warning: --data", output, StringComparison.Ordinal);
        Assert.Contains("NEARUSDT: 2 duplicate bars (same open time, same values) read and kept once; first at NEARUSDT-1m-2026-02.csv line 52 (", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_ThroughTheCommandRunner_ReturnsBadInputExitCode()
    {
        var root = new RootCommand();
        root.Subcommands.Add(BacktestCommand.Create(StrategyCatalog.CreateWithBuiltIns()));

        var code = await CommandRunner.InvokeAsync(root, ["backtest", "--generate", "AAAUSDT:10", "--runner", "a:AAAUSDT:nope", "--out", Out]);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.False(Directory.Exists(Out));
    }
    [SharedDataFact]
    public async Task Backtest_SevenRealSymbolsTwoRunnersEach_CompletesAndMetricsRecomputeFromTheReport()
    {
        string[] symbols = ["ALGOUSDT", "AVAXUSDT", "DOTUSDT", "FILUSDT", "LINKUSDT", "LTCUSDT", "NEARUSDT"];
        var args = new List<string>();
        foreach (var symbol in symbols)
        {
            args.AddRange(["--data", SharedData.PathOf("klines", $"{symbol}-1m-2026-02.csv")]);
            args.AddRange(["--runner", $"{symbol.ToLowerInvariant()}_ema:{symbol}:ema-cross:fast=20,slow=60"]);
            args.AddRange(["--runner", $"{symbol.ToLowerInvariant()}_rsi:{symbol}:rsi-reversion"]);
        }

        var code = await Invoke([.. args, "--out", Out]);

        Assert.Equal(0, code);
        var sut = BacktestReportWriter.ReadJson(Path.Combine(Out, "report.json"));
        Assert.Equal(14, sut.Runners.Count);
        foreach (var runner in sut.Runners)
        {
            Assert.Equal(runner.Metrics, MetricsCalculator.Compute(runner.Trades, runner.Equity));
            Assert.All(runner.Trades, t => Assert.Equal(runner.RunnerId, t.RunnerId));
            Assert.Equal(runner.Metrics.InitialEquity + runner.Trades.Sum(t => t.Pnl), runner.Metrics.FinalEquity);
        }

        Assert.Equal(sut.Total, MetricsCalculator.Compute(sut.Runners.SelectMany(r => r.Trades).OrderBy(t => t.ExitTime).ToList(), sut.TotalEquity));
    }
}
