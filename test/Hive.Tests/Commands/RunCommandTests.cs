using System.CommandLine;
using Hive.Commands;
using Hive.Commands.Run;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    // Enters on the second bar and never exits: the position is open when the run ends.
    private const string EnterOnceScript = """
        function detect_opportunity(market_data, context, indicators)
          if context.entered then return nil end
          return { reason = "once" }
        end
        function filter_commitment(market_data, context, indicators)
          context.entered = true
          return { action = "enter_long", quantity = 3 }
        end
        function manage_position(market_data, context, indicators)
          return nil
        end
        """;

    // Trades on every bar it can: opportunity, enter, exit, again.
    private const string AlternatingScript = """
        function detect_opportunity(market_data, context, indicators) return {} end
        function filter_commitment(market_data, context, indicators) return { action = "enter_long", quantity = 1 } end
        function manage_position(market_data, context, indicators) return { action = "exit" } end
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-run-" + Guid.NewGuid().ToString("N"));

    public RunCommandTests()
    {
        HivePlatformExtensions.EnsureLuaStrategies();
        Directory.CreateDirectory(_root);
    }

    private string DataDir => Path.Combine(_root, "hive-data");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_Duration_WritesOrdersAndFillsToTheLedger()
    {
        var runners = WriteRunners(("alternating.lua", AlternatingScript), """
            runners:
              - id: btc_alt
                symbol: BTCUSDT
                strategy: alternating.lua
              - id: eth_alt
                symbol: ETHUSDT
                strategy: alternating.lua
            """);
        var output = new StringWriter();

        var (exitCode, outcome) = await RunAsync(output, "--runners", runners, "--data-dir", DataDir, "--duration", "2s", "--speed", "60000");

        Assert.Equal(0, exitCode);
        Assert.NotNull(outcome);
        Assert.Equal(["btc_alt", "eth_alt"], outcome.Added);
        Assert.Equal("duration reached", outcome.StopReason);
        var entries = await ReadLedgerAsync();
        foreach (var runner in new[] { "btc_alt", "eth_alt" })
        {
            Assert.Contains(entries, e => e.Kind == LedgerEntryKind.Order && e.RunnerId == runner);
            Assert.Contains(entries, e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == runner && e.Price > 0 && e.Quantity == 1);
        }

        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.True(outcome.Final.OrdersFilled > 0);
        Assert.Contains("Drained.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SecondRunOnSameDataDir_ResumesTheOpenPosition()
    {
        var runners = WriteRunners(("enter_once.lua", EnterOnceScript), """
            runners:
              - id: near_once
                symbol: NEARUSDT
                strategy: enter_once.lua
            """);

        var (firstExit, first) = await RunAsync(new StringWriter(), "--runners", runners, "--data-dir", DataDir, "--duration", "1s", "--speed", "60000");
        var output = new StringWriter();
        var (secondExit, second) = await RunAsync(output, "--runners", runners, "--data-dir", DataDir, "--duration", "1s", "--speed", "60000");

        Assert.Equal(0, firstExit);
        Assert.Equal(0, secondExit);
        var atEnd = Assert.Single(first!.Final.Runners);
        Assert.Equal(3m, atEnd.PositionQuantity);
        Assert.Empty(second!.Added);
        var resumed = Assert.Single(second.Resumed);
        Assert.Equal("near_once", resumed.RunnerId);
        Assert.Equal(atEnd.PositionQuantity, resumed.PositionQuantity);
        Assert.Equal(atEnd.EntryPrice, resumed.EntryPrice);
        Assert.Equal(3m, Assert.Single(second.Final.Runners).PositionQuantity);
        var feedBefore = Assert.Single(first.Final.Feeds);
        var feedAfter = Assert.Single(second.Final.Feeds);
        Assert.True(feedAfter.LastEventTime > feedBefore.LastEventTime, "the feed continues after the last event of the first run");
        Assert.True(feedAfter.EventsPublished > feedBefore.EventsPublished);
        Assert.Contains("resumed near_once on NEARUSDT: long 3 @", output.ToString(), StringComparison.Ordinal);
        var fills = (await ReadLedgerAsync()).Where(e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == "near_once").ToList();
        Assert.Single(fills);
    }

    [Fact]
    public async Task Run_SecondRunWithAnotherFile_ResumesStoredRunnersAndWarnsAboutAChangedOne()
    {
        var both = WriteRunners(("enter_once.lua", EnterOnceScript), """
            runners:
              - id: a
                symbol: NEARUSDT
                strategy: enter_once.lua
              - id: b
                symbol: LTCUSDT
                strategy: enter_once.lua
            """);
        await RunAsync(new StringWriter(), "--runners", both, "--data-dir", DataDir, "--duration", "1s", "--speed", "60000");
        var changed = WriteRunners(null, """
            runners:
              - id: a
                symbol: NEARUSDT
                strategy: enter_once.lua
                quantity: 5
            """);
        var output = new StringWriter();

        var (exitCode, outcome) = await RunAsync(output, "--runners", changed, "--data-dir", DataDir, "--duration", "1s", "--speed", "60000");

        Assert.Equal(0, exitCode);
        Assert.Equal(["a", "b"], outcome!.Resumed.Select(r => r.RunnerId));
        Assert.Empty(outcome.Added);
        var text = output.ToString();
        Assert.Contains("warning: runner 'a'", text, StringComparison.Ordinal);
        Assert.Contains("resumed b on LTCUSDT: long 3 @", text, StringComparison.Ordinal);
        Assert.Contains("(kept from the data directory; not in", text, StringComparison.Ordinal);
        Assert.Equal(["LTCUSDT", "NEARUSDT"], outcome.Final.Feeds.Select(f => f.Symbol));
    }

    [Fact]
    public async Task Run_RemoveRunner_NextRunNeitherResumesNorAddsItAndTheGatewayFencesIt()
    {
        var both = WriteRunners(("enter_once.lua", EnterOnceScript), """
            runners:
              - id: keep
                symbol: NEARUSDT
                strategy: enter_once.lua
              - id: drop
                symbol: LTCUSDT
                strategy: enter_once.lua
            """);
        await RunAsync(new StringWriter(), "--runners", both, "--data-dir", DataDir, "--duration", "1s", "--speed", "60000");
        var output = new StringWriter();

        var (exitCode, outcome) = await RunAsync(output, "--runners", both, "--data-dir", DataDir, "--duration", "1s", "--speed", "60000", "--remove-runner", "drop");
        var ledger = await ReadLedgerAsync();

        Assert.Equal(0, exitCode);
        Assert.Equal(["keep"], outcome!.Resumed.Select(r => r.RunnerId));
        Assert.Empty(outcome.Added);
        Assert.Equal(["keep"], outcome.Final.Runners.Select(r => r.RunnerId));
        Assert.Contains("removed runner drop", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(ledger, e => e.Kind == LedgerEntryKind.Control && e.RunnerId == "drop" && e.Detail!.Contains("revoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_RemoveUnknownRunner_FailsNamingIt()
    {
        var runners = WriteRunners(("enter_once.lua", EnterOnceScript), """
            runners:
              - id: keep
                symbol: NEARUSDT
                strategy: enter_once.lua
            """);

        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), "--runners", runners, "--data-dir", DataDir, "--duration", "1s", "--remove-runner", "btc_emaa"));

        Assert.Contains("--remove-runner btc_emaa: runner 'btc_emaa' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownStrategy_FailsNamingTheRunner()
    {
        var runners = WriteRunners(null, """
            runners:
              - id: bad
                symbol: BTCUSDT
                strategy: no-such-strategy
            """);

        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), "--runners", runners, "--data-dir", DataDir, "--duration", "1s"));

        Assert.Contains("runner 'bad'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-strategy", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task Run_MissingDataFolder_FailsNamingTheFolder()
    {
        var runners = WriteRunners(("alternating.lua", AlternatingScript), """
            - id: btc_alt
              symbol: BTCUSDT
              strategy: alternating.lua
            """);
        var missing = Path.Combine(_root, "no-klines");

        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), "--runners", runners, "--data", missing, "--data-dir", DataDir));

        Assert.Equal($"--data: no such folder: {missing}", error.Message);
    }

    [Fact]
    public async Task Run_BadRunnersFile_FailsNamingFileAndLine()
    {
        var runners = WriteRunners(null, """
            runners:
              - id: btc
                symbol: BTCUSDT
                strategy: ema-cross
                colour: blue
            """);

        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), "--runners", runners, "--data-dir", DataDir));

        Assert.StartsWith($"{runners}:5:", error.Message, StringComparison.Ordinal);
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadDuration_FailsWithTheExpectedFormat()
    {
        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), "--duration", "soon", "--data-dir", DataDir));

        Assert.Contains("--duration: cannot read 'soon'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ReplayWithASymbolWithoutData_ReportsItAndKeepsItsRunnerIdle()
    {
        var klines = Path.Combine(_root, "klines");
        Directory.CreateDirectory(klines);
        WriteKlines(Path.Combine(klines, "NEARUSDT-1m-2026-02.csv"), 120);
        var runners = WriteRunners(("alternating.lua", AlternatingScript), """
            runners:
              - id: near_alt
                symbol: NEARUSDT
                strategy: alternating.lua
              - id: btc_alt
                symbol: BTCUSDT
                strategy: alternating.lua
            """);
        var output = new StringWriter();

        var (exitCode, outcome) = await RunAsync(output, "--runners", runners, "--data", klines, "--speed", "600000", "--data-dir", DataDir, "--duration", "30s");

        Assert.Equal(0, exitCode);
        Assert.Contains("no data for BTCUSDT", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("replay finished", outcome!.StopReason);
        Assert.Equal(["BTCUSDT"], outcome!.Final.IdleSymbols);
        var btc = Assert.Single(outcome.Final.Runners, r => r.RunnerId == "btc_alt");
        Assert.Equal(0, btc.BarsProcessed);
        Assert.True(Assert.Single(outcome.Final.Runners, r => r.RunnerId == "near_alt").OrdersFilled > 0);
    }

    [Fact]
    public async Task Run_ProductionRunnerStoppedOnAnError_ExitsWithFailed()
    {
        var klines = Path.Combine(_root, "klines");
        Directory.CreateDirectory(klines);
        WriteKlines(Path.Combine(klines, "NEARUSDT-1m-2026-02.csv"), 60);
        var runners = WriteRunners(("fails.lua", """
            function detect_opportunity(market_data, context, indicators)
              context.bars = (context.bars or 0) + 1
              if context.bars == 5 then error("broken on bar five") end
              return nil
            end
            function filter_commitment(market_data, context, indicators) return nil end
            function manage_position(market_data, context, indicators) return nil end
            """), """
            runners:
              - id: near_fails
                symbol: NEARUSDT
                strategy: fails.lua
              - id: near_alt
                symbol: NEARUSDT
                strategy: fails.lua
                policy: development
            """);

        var (exitCode, outcome) = await RunAsync(new StringWriter(), "--runners", runners, "--data", klines, "--speed", "max", "--data-dir", DataDir);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Equal("replay finished", outcome!.StopReason);
        var failed = Assert.Single(outcome.Final.Runners, r => r.RunnerId == "near_fails");
        Assert.Contains("broken on bar five", failed.StoppedReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HostileRunners_StopByLimitOthersTradeAndTheNextRunResumesThemStoppedWithTheirReason()
    {
        var klines = Path.Combine(_root, "klines");
        Directory.CreateDirectory(klines);
        WriteKlines(Path.Combine(klines, "NEARUSDT-1m-2026-02.csv"), 90);
        var runners = WriteRunners(("alternating.lua", AlternatingScript), """
            runners:
              - id: near_good
                symbol: NEARUSDT
                strategy: alternating.lua
              - id: near_loop
                symbol: NEARUSDT
                strategy: loop.lua
                policy: development
              - id: near_gc
                symbol: NEARUSDT
                strategy: gc.lua
              - id: near_pattern
                symbol: NEARUSDT
                strategy: pattern.lua
            """);
        const string rest = """

            function filter_commitment(market_data, context, indicators) return nil end
            function manage_position(market_data, context, indicators) return nil end
            """;
        File.WriteAllText(Path.Combine(_root, "loop.lua"), "function detect_opportunity(m, c, i) while true do end end" + rest);
        File.WriteAllText(Path.Combine(_root, "gc.lua"),
            "function detect_opportunity(m, c, i) setmetatable({}, { __gc = function() while true do end end }) return nil end" + rest);
        File.WriteAllText(Path.Combine(_root, "pattern.lua"),
            "function detect_opportunity(m, c, i) return string.find(string.rep('a', 200000), string.rep('a?', 50000) .. string.rep('a', 50000)) end" + rest);

        var (exitCode, outcome) = await RunAsync(new StringWriter(), "--runners", runners, "--data", klines, "--speed", "max", "--data-dir", DataDir).Within();
        var output = new StringWriter();
        var (_, second) = await RunAsync(output, "--runners", runners, "--data", klines, "--speed", "max", "--data-dir", DataDir).Within();

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Equal("replay finished", outcome!.StopReason);
        var good = Assert.Single(outcome.Final.Runners, r => r.RunnerId == "near_good");
        Assert.Equal(60, good.OrdersFilled);
        // A finalizer is refused outright (a strategy error: the production runner stops); the loop and the pattern
        // exceed limits, which stop a runner under either policy.
        Assert.Contains("'__gc'", Assert.Single(outcome.Final.Runners, r => r.RunnerId == "near_gc").StoppedReason, StringComparison.Ordinal);
        foreach (var (id, limited) in new[] { ("near_loop", true), ("near_gc", false), ("near_pattern", true) })
        {
            var hostile = Assert.Single(outcome.Final.Runners, r => r.RunnerId == id);
            Assert.Equal(Hive.Trading.Runners.RunnerState.Stopped, hostile.State);
            if (limited)
            {
                Assert.StartsWith(Hive.Trading.Runners.RunnerCore.LimitReasonPrefix + $"runner '{id}': ", hostile.StoppedReason, StringComparison.Ordinal);
            }

            Assert.Equal(0, hostile.OrdersFilled);
            var resumed = Assert.Single(second!.Resumed, r => r.RunnerId == id);
            Assert.Equal(Hive.Trading.Runners.RunnerState.Stopped, resumed.State);
            Assert.Equal(hostile.StoppedReason, resumed.StoppedReason);
            Assert.Contains($"resumed {id} on NEARUSDT: flat, realized P&L 0.00, 0 orders filled so far, Stopped ({hostile.StoppedReason}; remove it with --remove-runner {id})", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Run_ReplayWithRepeatedBars_WarnsWithCountAndFirstPlace()
    {
        var klines = Path.Combine(_root, "klines");
        Directory.CreateDirectory(klines);
        var file = Path.Combine(klines, "NEARUSDT-1m-2026-02.csv");
        WriteKlines(file, 40);
        var lines = File.ReadAllLines(file).ToList();
        lines.Insert(11, lines[10]);
        File.WriteAllLines(file, lines);
        var runners = WriteRunners(("alternating.lua", AlternatingScript), """
            runners:
              - id: near_alt
                symbol: NEARUSDT
                strategy: alternating.lua
            """);
        var output = new StringWriter();

        var (exitCode, _) = await RunAsync(output, "--runners", runners, "--data", klines, "--speed", "max", "--data-dir", DataDir);

        Assert.Equal(0, exitCode);
        Assert.Contains("NEARUSDT: 1 duplicate bar (same open time, same values) read and kept once; first at NEARUSDT-1m-2026-02.csv line 12", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DevelopmentRunnerWithErrors_ExitsWithSuccess()
    {
        var klines = Path.Combine(_root, "klines");
        Directory.CreateDirectory(klines);
        WriteKlines(Path.Combine(klines, "NEARUSDT-1m-2026-02.csv"), 30);
        var runners = WriteRunners(("fails.lua", """
            function detect_opportunity(market_data, context, indicators) error("always") end
            function filter_commitment(market_data, context, indicators) return nil end
            function manage_position(market_data, context, indicators) return nil end
            """), """
            runners:
              - id: near_dev
                symbol: NEARUSDT
                strategy: fails.lua
                policy: development
            """);

        var (exitCode, _) = await RunAsync(new StringWriter(), "--runners", runners, "--data", klines, "--speed", "max", "--data-dir", DataDir);

        Assert.Equal(ExitCodes.Success, exitCode);
    }

    private string WriteRunners((string Name, string Text)? script, string yaml)
    {
        if (script is { } s)
        {
            File.WriteAllText(Path.Combine(_root, s.Name), s.Text);
        }

        var path = Path.Combine(_root, "runners.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static void WriteKlines(string path, int bars)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore");
        var start = 1_769_904_000_000L;
        for (var i = 0; i < bars; i++)
        {
            var open = 3 + (0.01 * (i % 7));
            var close = open + 0.005;
            var t = start + (i * 60_000L);
            writer.WriteLine(FormattableString.Invariant($"{t},{open},{close + 0.01},{open - 0.01},{close},100,{t + 59_999},300,10,50,150,0"));
        }
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

    private static async Task<(int ExitCode, RunOutcome? Outcome)> RunAsync(TextWriter output, params string[] args)
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
        root.Subcommands.Add(RunCommand.Create(console, StrategyCatalog.Default, completed: o => outcome = o));
        var exitCode = await root.Parse(["run", .. args]).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        return (exitCode, outcome);
    }
}
