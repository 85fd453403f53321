using System.CommandLine;
using Hive.Commands;
using Hive.Commands.Run;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Trading.Strategies;
using Spectre.Console;

namespace Hive.Postgres.Tests;

/// <summary><c>hive run --postgres</c> through its command line, as a user runs it.</summary>
public sealed class RunPostgresTests : IDisposable
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

    private const string Runners = """
        runners:
          - id: near_once
            symbol: NEARUSDT
            strategy: enter_once.lua
          - id: btc_alt
            symbol: BTCUSDT
            strategy: alternating.lua
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "hive-run-pg-" + Guid.NewGuid().ToString("N"));

    public RunPostgresTests()
    {
        HivePlatformExtensions.EnsureLuaStrategies();
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "enter_once.lua"), EnterOnceScript);
        File.WriteAllText(Path.Combine(_root, "alternating.lua"), AlternatingScript);
        File.WriteAllText(RunnersFile, Runners);
    }

    private string RunnersFile => Path.Combine(_root, "runners.yaml");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [PostgresFact]
    public async Task Run_Postgres_RunnersTradeAndASecondRunOnTheDatabaseResumes()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        var firstDir = Path.Combine(_root, "first");
        var secondDir = Path.Combine(_root, "second");

        var (firstExit, first) = await RunAsync(new StringWriter(), "--runners", RunnersFile, "--data-dir", firstDir, "--postgres", db.ConnectionString, "--duration", "2s", "--speed", "60000");
        var ledgerAfterFirst = await ReadLedgerAsync(db);
        var output = new StringWriter();

        // Another data directory: everything the second run resumes comes from the database.
        var (secondExit, second) = await RunAsync(output, "--runners", RunnersFile, "--data-dir", secondDir, "--postgres", db.ConnectionString, "--duration", "1s", "--speed", "60000");

        Assert.Equal((0, 0), (firstExit, secondExit));
        Assert.Equal(["near_once", "btc_alt"], first!.Added);
        Assert.Contains(ledgerAfterFirst, e => e.Kind == LedgerEntryKind.Order && e.RunnerId == "btc_alt");
        Assert.Contains(ledgerAfterFirst, e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == "btc_alt" && e.Quantity == 1 && e.Price > 0);
        var opened = first.Final.Runners.Single(r => r.RunnerId == "near_once");
        Assert.Equal(3m, opened.PositionQuantity);

        Assert.Empty(second!.Added);
        var resumed = second.Resumed.Single(r => r.RunnerId == "near_once");
        Assert.Equal((opened.PositionQuantity, opened.EntryPrice), (resumed.PositionQuantity, resumed.EntryPrice));
        Assert.Contains(second.Resumed, r => r.RunnerId == "btc_alt");
        Assert.Contains("resumed near_once on NEARUSDT: long 3 @", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Drained. Ledger and state: PostgreSQL", output.ToString(), StringComparison.Ordinal);

        var ledger = await ReadLedgerAsync(db);
        Assert.Single(ledger, e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == "near_once");
        Assert.True(ledger.Count(e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == "btc_alt") > ledgerAfterFirst.Count(e => e.Kind == LedgerEntryKind.Fill && e.RunnerId == "btc_alt"));
        Assert.Equal(Enumerable.Range(1, ledger.Count).Select(i => (long)i), ledger.Select(e => e.Sequence));

        // Runners, registry, feeds, gateway and the "market" stream provider's subscriptions are rows, not files.
        foreach (var state in new[] { "runner", "registry", "feed", "gateway", "subscriptions" })
        {
            Assert.True((long)(await db.ScalarAsync($"SELECT count(*) FROM hive_grain_state WHERE state_name = '{state}' AND payload IS NOT NULL"))! > 0, $"no '{state}' state in PostgreSQL");
        }

        Assert.False(Directory.Exists(Path.Combine(secondDir, "state")));
        Assert.False(Directory.Exists(Path.Combine(secondDir, "ledger")));
        Assert.Equal(2L, await db.ScalarAsync("SELECT count(DISTINCT deployment_id) FROM hive_membership"));
    }

    [PostgresFact]
    public async Task PrepareAsync_DatabaseHeldByAnotherEmbeddedCluster_FailsNamingIt()
    {
        await using var db = await PostgresServer.CreateDatabaseAsync();
        await using var holder = new PostgresClusterStore(db.ConnectionString);
        await holder.PrepareAsync(CancellationToken.None);
        await using var sut = new PostgresClusterStore(db.ConnectionString);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.PrepareAsync(CancellationToken.None));

        Assert.Contains(db.Database, error.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another Hive embedded cluster", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PostgresNotAConnectionString_FailsNamingTheOption()
    {
        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync(new StringWriter(), "--runners", RunnersFile, "--data-dir", Path.Combine(_root, "d"), "--postgres", "Hots=nowhere;;=x"));

        Assert.Contains("--postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PostgresServerUnreachable_FailsNamingTheDatabase()
    {
        // Nothing listens on port 1: connection refused, retried as transient, then reported.
        var error = await Assert.ThrowsAsync<CliException>(() => RunAsync(
            new StringWriter(), "--runners", RunnersFile, "--data-dir", Path.Combine(_root, "d"), "--postgres", "Host=127.0.0.1;Port=1;Username=hive;Database=hive;Timeout=2"));

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains("--postgres: cannot use PostgreSQL 127.0.0.1:1/hive", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<LedgerEntry>> ReadLedgerAsync(PostgresServer db)
    {
        await using var ledger = new PostgresLedger(db.ConnectionString);
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
