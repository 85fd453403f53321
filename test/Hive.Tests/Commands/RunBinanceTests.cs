using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hive.Binance.Testing;
using Hive.Commands;
using Hive.Commands.Run;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Tests.Commands;

/// <summary><c>hive run --feed binance</c> and <c>--exchange binance</c> against the fake exchange, end to end through the CLI.</summary>
public sealed class RunBinanceTests : IAsyncLifetime
{
    // Trades on every bar it can: opportunity, enter, exit, again.
    private const string AlternatingScript = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    private const string ApiKey = "cli-test-key-4f1c2b";
    private const string ApiSecret = "cli-test-secret-9d83e7a1c05b";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-run-binance-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stopMarket = new();
    private FakeBinanceServer _exchange = null!;
    private Task _market = Task.CompletedTask;

    private string DataDir => Path.Combine(_root, "hive-data");

    public async Task InitializeAsync()
    {
        HivePlatformExtensions.EnsureLuaStrategies();
        Directory.CreateDirectory(_root);
        _exchange = await FakeBinanceServer.StartAsync(new FakeBinanceServerOptions { ApiKey = ApiKey, ApiSecret = ApiSecret, Symbols = ["BTCUSDT"] });
        _market = PublishMarketAsync(_stopMarket.Token);
    }

    public async Task DisposeAsync()
    {
        await _stopMarket.CancelAsync();
        await _market;
        await _exchange.DisposeAsync();
        _stopMarket.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_FeedBinance_PaperTradesAtTheLiveTouchAndDrains()
    {
        var runners = WriteRunners();
        var output = new StringWriter();

        var (exitCode, outcome) = await RunAsync(output, null, "--runners", runners, "--data-dir", DataDir, "--duration", "4s",
            "--feed", "binance", "--base-url", _exchange.RestUrl.ToString(), "--stream-url", _exchange.StreamUrl.ToString());

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("duration reached", outcome!.StopReason);
        var fills = (await ReadLedgerAsync()).Where(e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == "btc_live").ToList();
        Assert.NotEmpty(fills);
        Assert.All(fills, e => Assert.Equal(e.Side == "Buy" ? 100.5m : 99.5m, e.Price));
        Assert.Empty(_exchange.Orders);
        var text = output.ToString();
        Assert.Contains($"feeds: Binance live market data for BTCUSDT from {_exchange.StreamUrl}", text, StringComparison.Ordinal);
        Assert.Contains("Drained.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExchangeBinance_TradesOnTheExchangeDrainsAndKeepsTheKeysOutOfEveryFile()
    {
        _exchange.SetPrice("BTCUSDT", 100.25m);
        var runners = WriteRunners();
        var output = new StringWriter();

        var (exitCode, outcome) = await RunAsync(output, Keys, "--runners", runners, "--data-dir", DataDir, "--duration", "4s",
            "--exchange", "binance", "--base-url", _exchange.RestUrl.ToString(), "--stream-url", _exchange.StreamUrl.ToString());

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("duration reached", outcome!.StopReason);
        var fills = (await ReadLedgerAsync()).Where(e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == "btc_live").ToList();
        Assert.NotEmpty(fills);
        Assert.Equal(_exchange.Trades.Count, fills.Count);
        Assert.All(fills, e => Assert.Equal(100.25m, e.Price));
        Assert.All(fills, e => Assert.Contains(" exchange order ", e.Detail, StringComparison.Ordinal));
        Assert.All(_exchange.Orders.Keys, id => Assert.StartsWith("btc_live-", id, StringComparison.Ordinal));
        Assert.Empty(_exchange.ListenKeys);
        var text = output.ToString();
        Assert.Contains($"orders go to binance testnet at {_exchange.RestUrl}", text, StringComparison.Ordinal);
        Assert.Contains("Drained.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
        var files = Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "hive.log");
        foreach (var file in files)
        {
            var content = await File.ReadAllTextAsync(file);
            Assert.False(content.Contains(ApiSecret, StringComparison.Ordinal), $"{file} holds the API secret");
            Assert.False(content.Contains(ApiKey, StringComparison.Ordinal), $"{file} holds the API key");
        }
    }

    [Theory]
    [InlineData("--feed")]
    [InlineData("--exchange")]
    public async Task Run_BinanceUnreachable_FailsWithExit4NamingTheAddress(string option)
    {
        var port = ClosedPort();
        var runners = WriteRunners();

        var ex = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), Keys, "--runners", runners, "--data-dir", DataDir,
            option, "binance", "--base-url", $"http://127.0.0.1:{port}", "--stream-url", $"ws://127.0.0.1:{port}"));

        Assert.Equal(ExitCodes.Unavailable, ex.ExitCode);
        Assert.Contains($"cannot reach Binance at http://127.0.0.1:{port}/", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExchangeBinanceWithoutKeys_FailsNamingTheVariable()
    {
        var runners = WriteRunners();

        var ex = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), _ => null, "--runners", runners, "--data-dir", DataDir,
            "--exchange", "binance", "--base-url", _exchange.RestUrl.ToString(), "--stream-url", _exchange.StreamUrl.ToString()));

        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
        Assert.Equal("--exchange binance: BINANCE_API_KEY is not set.", ex.Message);
    }

    [Fact]
    public async Task Run_FeedBinanceSymbolNotListed_FailsNamingTheSymbolAndTheFile()
    {
        var runners = WriteRunners("FOOUSDT");

        var ex = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), null, "--runners", runners, "--data-dir", DataDir,
            "--feed", "binance", "--base-url", _exchange.RestUrl.ToString(), "--stream-url", _exchange.StreamUrl.ToString()));

        Assert.Equal(ExitCodes.BadInput, ex.ExitCode);
        Assert.Equal($"{runners}: symbol FOOUSDT is not listed by Binance at {_exchange.RestUrl}", ex.Message);
    }

    [Theory]
    [InlineData("--production")]
    [InlineData("--forming-candles")]
    public async Task Run_BinanceOptionWithoutBinance_IsRefusedNamingTheOption(string option)
    {
        var runners = WriteRunners();

        var ex = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), null, "--runners", runners, option));

        Assert.StartsWith(option + " applies to", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FeedBinanceWithData_IsRefused()
    {
        var runners = WriteRunners();

        var ex = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), null, "--runners", runners, "--feed", "binance", "--data", _root));

        Assert.Contains("--data replays files; it cannot be combined with --feed binance", ex.Message, StringComparison.Ordinal);
    }

    private static string? Keys(string name) => name switch
    {
        "BINANCE_API_KEY" => ApiKey,
        "BINANCE_API_SECRET" => ApiSecret,
        _ => null,
    };

    // Closed one-minute bars a day old (so that every live quote is newer), and the touch at 99.5 / 100.5.
    private async Task PublishMarketAsync(CancellationToken cancellationToken)
    {
        var open = (TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 60_000 * 60_000) - 86_400_000;
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(25));
        try
        {
            while (await pace.WaitForNextTickAsync(cancellationToken))
            {
                await _exchange.PublishAsync("btcusdt@bookTicker", """{"u":1,"s":"BTCUSDT","b":"99.50000000","B":"3.00000000","a":"100.50000000","A":"2.00000000"}""");
                if (await _exchange.PublishAsync("btcusdt@kline_1m", Kline(open)) > 0)
                {
                    open += 60_000;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The test ended.
        }
    }

    private static string Kline(long open) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"e":"kline","E":{{{open + 60_000}}},"s":"BTCUSDT","k":{"t":{{{open}}},"T":{{{open + 59_999}}},"s":"BTCUSDT","i":"1m","f":1,"L":2,"o":"100.00000000","c":"100.00000000","h":"101.00000000","l":"99.00000000","v":"10.00000000","n":2,"x":true,"q":"1000.00000000","V":"5.00000000","Q":"500.00000000","B":"0"}}""");

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private string WriteRunners(string symbol = "BTCUSDT")
    {
        File.WriteAllText(Path.Combine(_root, "alternating.lua"), AlternatingScript);
        var path = Path.Combine(_root, "runners.yaml");
        File.WriteAllText(path, """
            runners:
              - id: btc_live
                symbol: SYMBOL
                strategy: alternating.lua
            """.Replace("SYMBOL", symbol, StringComparison.Ordinal));
        return path;
    }

    private async Task<List<LedgerEntry>> ReadLedgerAsync()
    {
        using var ledger = new FileLedger(Path.Combine(DataDir, "ledger"));
        var entries = new List<LedgerEntry>();
        await foreach (var entry in ledger.ReadAllAsync())
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static async Task<(int ExitCode, RunOutcome? Outcome)> RunAsync(TextWriter output, Func<string, string?>? environment, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 500;
        RunOutcome? outcome = null;
        var root = new RootCommand();
        root.Subcommands.Add(RunCommand.Create(console, StrategyCatalog.Default, completed: o => outcome = o, environment: environment ?? (_ => null)));
        var exitCode = await root.Parse(["run", .. args]).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        return (exitCode, outcome);
    }
}
