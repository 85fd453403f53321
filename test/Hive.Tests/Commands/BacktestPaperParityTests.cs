using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hive.Commands;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Testing;
using Hive.Trading.Backtesting;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Tests.Commands;

/// <summary>
/// One engine for backtest and paper: the same candles replayed through <c>hive backtest</c> and through
/// <c>hive run --data … --speed max</c> give every shipped strategy the same fills, on the feed's bars and on a
/// timeframe. Both go through the command line, so the test holds whatever runs the runners behind <c>hive run</c>.
/// </summary>
public sealed class BacktestPaperParityTests : IDisposable
{
    private const string Symbol = "LINKUSDT";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-parity-" + Guid.NewGuid().ToString("N"));

    public BacktestPaperParityTests()
    {
        HivePlatformExtensions.EnsureLuaStrategies();
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task BacktestAndRun_EveryShippedStrategy_SameFills()
    {
        var klines = Path.Combine(_root, "klines");
        Directory.CreateDirectory(klines);
        WriteRandomWalk(Path.Combine(klines, $"{Symbol}-1m-2026-02.csv"), 12_000, seed: 5);
        var scripts = Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "strategies"), "*.lua").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(5, scripts.Count);
        var runners = WriteRunners(scripts);
        var output = Path.Combine(_root, "report");

        var backtestExit = await InvokeAsync(new StringWriter(), "backtest", "--data", klines, "--runners", runners, "--out", output, "--keep-open");
        var runOutput = new StringWriter();
        var runExit = await InvokeAsync(runOutput, "run", "--runners", runners, "--data", klines, "--speed", "max", "--data-dir", Path.Combine(_root, "hive-data"));

        Assert.Equal(0, backtestExit);
        Assert.True(runExit == 0, runOutput.ToString());
        var backtest = BacktestFills(Path.Combine(output, "report.json"));
        var paper = await LedgerFillsAsync(Path.Combine(_root, "hive-data", "ledger"));
        Assert.Equal(scripts.Count * 2, backtest.Count);
        foreach (var (runner, fills) in backtest)
        {
            Assert.True(fills.Count >= 2, $"{runner}: only {fills.Count} fills in the backtest");
            var live = paper.GetValueOrDefault(runner) ?? [];

            // The backtest's report lists closed trades; a position still open at the end adds one entry fill in the ledger.
            Assert.True(live.Count == fills.Count || live.Count == fills.Count + 1, $"{runner}: backtest {fills.Count} fills, hive run {live.Count}");
            Assert.Equal(fills, live.Take(fills.Count).ToList());
        }
    }

    private string WriteRunners(IEnumerable<string> scripts)
    {
        var yaml = new StringBuilder("runners:\n");
        foreach (var script in scripts)
        {
            var name = Path.GetFileNameWithoutExtension(script);
            foreach (var timeframe in new[] { "1m", "15m" })
            {
                yaml.Append(CultureInfo.InvariantCulture, $"""
                      - id: {name}_{timeframe}
                        symbol: {Symbol}
                        strategy: '{script}'
                        timeframe: {timeframe}
                        allocation: 0.5
                        policy: development

                    """);
            }
        }

        var path = Path.Combine(_root, "runners.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    private static void WriteRandomWalk(string path, int bars, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path);
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var price = 10.0;
        for (var i = 0; i < bars; i++)
        {
            var open = price;
            var close = Math.Round(open * (1 + ((random.NextDouble() - 0.5) * 0.008)), 4);
            var high = Math.Round(Math.Max(open, close) * (1 + (random.NextDouble() * 0.002)), 4);
            var low = Math.Round(Math.Min(open, close) * (1 - (random.NextDouble() * 0.002)), 4);
            var t = start + (i * 60_000L);
            writer.WriteLine(FormattableString.Invariant($"{t},{open},{high},{low},{close},{1000 + random.Next(500)},{t + 59_999},0,10,{500 + random.Next(500)},0,0"));
            price = close;
        }
    }

    private static Dictionary<string, List<string>> BacktestFills(string reportPath)
    {
        var report = BacktestReportWriter.ReadJson(reportPath);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var runner in report.Runners)
        {
            var fills = new List<string>();
            foreach (var trade in runner.Trades)
            {
                var isLong = trade.Side == PositionSide.Long;
                fills.Add(Fill(isLong ? "Buy" : "Sell", trade.Quantity, trade.EntryPrice));
                fills.Add(Fill(isLong ? "Sell" : "Buy", trade.Quantity, trade.ExitPrice));
            }

            result[runner.RunnerId] = fills;
        }

        return result;
    }

    private static async Task<Dictionary<string, List<string>>> LedgerFillsAsync(string ledgerPath)
    {
        using var ledger = new FileLedger(ledgerPath);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var entry in ledger.ReadAllAsync())
        {
            if (entry.Kind == LedgerEntryKind.Fill && entry.RunnerId is { } runner)
            {
                if (!result.TryGetValue(runner, out var fills))
                {
                    result[runner] = fills = [];
                }

                fills.Add(Fill(entry.Side!, entry.Quantity!.Value, entry.Price!.Value));
            }
        }

        return result;
    }

    // The ledger stamps entries with the wall clock, so fills compare by order, side, quantity and price.
    private static string Fill(string side, decimal quantity, decimal price) =>
        string.Create(CultureInfo.InvariantCulture, $"{side} {quantity:0.########} @ {price:0.########}");

    private static Task<int> InvokeAsync(TextWriter output, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 500;
        var root = new RootCommand();
        root.Subcommands.Add(BacktestCommand.Create(StrategyCatalog.Default, console));
        root.Subcommands.Add(RunCommand.Create(console, StrategyCatalog.Default));
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
