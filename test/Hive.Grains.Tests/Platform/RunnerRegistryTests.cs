using Hive.Grains.Runners;
using Hive.Trading.Runners;

namespace Hive.Grains.Tests.Platform;

/// <summary>The ADR 005 use cases on the shared platform cluster; every test uses its own symbols and runner IDs.</summary>
[Collection(PlatformClusterCollection.Name)]
public sealed class RunnerRegistryTests(PlatformClusterFixture fixture)
{
    private readonly PlatformCluster _platform = fixture.Platform;
    private readonly Scripts _scripts = fixture.Scripts;

    private IRunnerRegistryGrain Sut => _platform.Registry;

    [Fact]
    public async Task AddRunnerAsync_ThreeStrategiesOnOneSymbol_EachReceivesTheSameDataAndDecidesIndependently()
    {
        await Sut.AddRunnerAsync(Definitions.Runner("ada_fast", "ADAUSDT", _scripts.Cycle, "hold=2"));
        await Sut.AddRunnerAsync(Definitions.Runner("ada_slow", "ADAUSDT", _scripts.Cycle, "hold=5"));
        await Sut.AddRunnerAsync(Definitions.Runner("ada_ema", "ADAUSDT", "ema-cross", "fast=3,slow=8"));

        var candles = PlatformCluster.Candles("ADAUSDT", 40);
        await _platform.PublishAsync(candles);

        var fast = await Sut.GetRunnerAsync("ada_fast");
        var slow = await Sut.GetRunnerAsync("ada_slow");
        var ema = await Sut.GetRunnerAsync("ada_ema");
        Assert.All([fast, slow, ema], s => Assert.Equal(40, s.BarsProcessed));
        Assert.All([fast, slow, ema], s => Assert.Equal(candles[^1].CloseTime, s.LastEventTime));
        Assert.Equal(10, fast.Trades);
        Assert.Equal(5, slow.Trades);
        Assert.NotEqual(fast.RealizedPnl, slow.RealizedPnl);
        Assert.Equal(["ada_fast", "ada_slow", "ada_ema"], await Sut.RunnersForSymbolAsync("ADAUSDT"));
        Assert.Equal(3, await Sut.RunnerCountForSymbolAsync("ADAUSDT"));
        Assert.All([fast, slow, ema], s => Assert.Equal(RunnerHealth.Healthy, s.Health));
    }

    [Fact]
    public async Task RemoveRunnerAsync_OneOfTwoOnASymbol_TheOtherKeepsRunning()
    {
        await Sut.AddRunnerAsync(Definitions.Runner("dot_keep", "DOTUSDT", _scripts.Cycle, "hold=2"));
        await Sut.AddRunnerAsync(Definitions.Runner("dot_drop", "DOTUSDT", _scripts.Cycle, "hold=2"));
        var candles = PlatformCluster.Candles("DOTUSDT", 20);
        await _platform.PublishAsync(candles[..10]);

        await Sut.RemoveRunnerAsync("dot_drop");
        await _platform.PublishAsync(candles[10..]);

        var kept = await Sut.GetRunnerAsync("dot_keep");
        Assert.Equal(20, kept.BarsProcessed);
        Assert.Equal(5, kept.Trades);
        Assert.Equal(["dot_keep"], await Sut.RunnersForSymbolAsync("DOTUSDT"));
        var error = await Assert.ThrowsAsync<RunnerRegistryException>(() => Sut.GetRunnerAsync("dot_drop"));
        Assert.Contains("dot_drop", error.Message, StringComparison.Ordinal);
        await Wait.UntilAsync(async () => await _platform.HostOfAsync<IRunnerGrain>("dot_drop") is null, "the removed runner deactivated");
    }

    [Fact]
    public async Task AddRunnerAsync_RunnersOnSeveralSymbols_RunConcurrently()
    {
        string[] symbols = ["AAVEUSDT", "ATOMUSDT", "AVAXUSDT"];
        foreach (var symbol in symbols)
        {
            await Sut.AddRunnerAsync(Definitions.Runner("multi_" + symbol.ToLowerInvariant(), symbol, _scripts.Cycle, "hold=2"));
        }

        await Task.WhenAll(symbols.Select((s, i) => _platform.PublishAsync(PlatformCluster.Candles(s, 24, seed: i + 1))));

        foreach (var symbol in symbols)
        {
            var status = await Sut.GetRunnerAsync("multi_" + symbol.ToLowerInvariant());
            Assert.Equal(symbol, status.Symbol);
            Assert.Equal(24, status.BarsProcessed);
            Assert.Equal(6, status.Trades);
            Assert.Equal(12, status.OrdersFilled);
        }
    }

    [Fact]
    public async Task OnNextAsync_StrategyError_ProductionRunnerStopsWhileDevelopmentRunnerCarriesOn()
    {
        await Sut.AddRunnerAsync(Definitions.Runner("xrp_prod", "XRPUSDT", _scripts.Failing, policy: ErrorPolicy.Production));
        await Sut.AddRunnerAsync(Definitions.Runner("xrp_dev", "XRPUSDT", _scripts.Failing, policy: ErrorPolicy.Development));
        await Sut.AddRunnerAsync(Definitions.Runner("xrp_ok", "XRPUSDT", _scripts.Cycle, "hold=2"));

        await _platform.PublishAsync(PlatformCluster.Candles("XRPUSDT", 12));

        var production = await Sut.GetRunnerAsync("xrp_prod");
        var development = await Sut.GetRunnerAsync("xrp_dev");
        var healthy = await Sut.GetRunnerAsync("xrp_ok");
        Assert.Equal(RunnerState.Stopped, production.State);
        Assert.Equal(RunnerHealth.Unhealthy, production.Health);
        Assert.Contains("boom on bar 3", production.StoppedReason, StringComparison.Ordinal);
        Assert.Equal(RunnerState.Idle, development.State);
        Assert.Equal(RunnerHealth.Degraded, development.Health);
        Assert.Equal(12, development.BarsProcessed);
        Assert.Contains("boom on bar", development.LastError, StringComparison.Ordinal);
        Assert.Equal(RunnerHealth.Healthy, healthy.Health);
        Assert.Equal(3, healthy.Trades);

        var unhealthy = await Sut.UnhealthyRunnersAsync();
        Assert.Contains(unhealthy, s => s.RunnerId == "xrp_prod");
        Assert.Contains(unhealthy, s => s.RunnerId == "xrp_dev");
        Assert.DoesNotContain(unhealthy, s => s.RunnerId == "xrp_ok");
    }

    [Fact]
    public async Task AddRunnerAsync_DuplicateRunnerId_RejectedWithAClearMessage()
    {
        await Sut.AddRunnerAsync(Definitions.Runner("btc_ema", "BTCUSDT", "ema-cross"));

        var error = await Assert.ThrowsAsync<RunnerRegistryException>(
            () => Sut.AddRunnerAsync(Definitions.Runner("btc_ema", "ETHUSDT", "rsi-reversion")));

        Assert.Equal("runner 'btc_ema' already exists (BTCUSDT, ema-cross)", error.Message);
        var definitions = await Sut.GetDefinitionsAsync();
        Assert.Single(definitions, d => d.RunnerId == "btc_ema");
    }

    [Fact]
    public async Task AddRunnerAsync_InvalidDefinitions_RejectedNamingTheProblem()
    {
        var unknown = await Assert.ThrowsAsync<RunnerRegistryException>(
            () => Sut.AddRunnerAsync(Definitions.Runner("bad_strategy", "BTCUSDT", "no-such-strategy")));
        var parameter = await Assert.ThrowsAsync<RunnerRegistryException>(
            () => Sut.AddRunnerAsync(Definitions.Runner("bad_param", "BTCUSDT", "ema-cross", "fats=3")));
        var quantity = await Assert.ThrowsAsync<RunnerRegistryException>(
            () => Sut.AddRunnerAsync(Definitions.Runner("bad_qty", "BTCUSDT", "ema-cross", quantity: -1m)));
        var script = await Assert.ThrowsAsync<RunnerRegistryException>(
            () => Sut.AddRunnerAsync(Definitions.Runner("bad_lua", "BTCUSDT", _scripts.Write("broken.lua", "function detect_opportunity("))));

        Assert.Contains("unknown strategy 'no-such-strategy'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("fats", parameter.Message, StringComparison.Ordinal);
        Assert.Contains("quantity must be positive", quantity.Message, StringComparison.Ordinal);
        Assert.Contains("broken.lua", script.Message, StringComparison.Ordinal);
        var ids = (await Sut.GetDefinitionsAsync()).Select(d => d.RunnerId).ToList();
        Assert.DoesNotContain("bad_strategy", ids);
        Assert.DoesNotContain("bad_lua", ids);
    }

    [Fact]
    public async Task PauseRunnerAsync_UnknownRunner_RejectedNamingIt()
    {
        var error = await Assert.ThrowsAsync<RunnerRegistryException>(() => Sut.PauseRunnerAsync("ghost_runner"));

        Assert.Contains("'ghost_runner'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseRunnerAsync_ThenResume_TradesOnlyWhileRunning()
    {
        await Sut.AddRunnerAsync(Definitions.Runner("link_pause", "LINKUSDT", _scripts.Cycle, "hold=2"));
        var candles = PlatformCluster.Candles("LINKUSDT", 24);
        await _platform.PublishAsync(candles[..8]);
        var before = await Sut.GetRunnerAsync("link_pause");

        await Sut.PauseRunnerAsync("link_pause");
        await _platform.PublishAsync(candles[8..16]);
        var paused = await Sut.GetRunnerAsync("link_pause");
        await Sut.ResumeRunnerAsync("link_pause");
        await _platform.PublishAsync(candles[16..]);
        var resumed = await Sut.GetRunnerAsync("link_pause");

        Assert.Equal(2, before.Trades);
        Assert.Equal(RunnerHealth.Paused, paused.Health);
        Assert.Equal(RunnerState.Stopped, paused.State);
        Assert.Equal(before.OrdersFilled, paused.OrdersFilled);
        Assert.Equal(16, paused.BarsProcessed);
        Assert.Equal(RunnerHealth.Healthy, resumed.Health);
        Assert.Equal(4, resumed.Trades);
    }

    [Fact]
    public async Task RestartRunnerAsync_ReloadedScript_KeepsPositionAndContext()
    {
        var path = _scripts.Write("restartable.lua", """
            function detect_opportunity(m, context, indicators) return { reason = "go" } end
            function filter_commitment(m, context, indicators) return { action = "enter_long", quantity = 1 } end
            function manage_position(m, context, indicators) context.bars = (context.bars or 0) + 1 return nil end
            """);
        await Sut.AddRunnerAsync(Definitions.Runner("near_restart", "NEARUSDT", path));
        var candles = PlatformCluster.Candles("NEARUSDT", 6);
        await _platform.PublishAsync(candles[..4]);
        var held = await Sut.GetRunnerAsync("near_restart");

        File.WriteAllText(path, """
            function detect_opportunity(m, context, indicators) return nil end
            function filter_commitment(m, context, indicators) return nil end
            function manage_position(m, context, indicators)
              if context.bars == 2 then return { action = "exit", reason = "reloaded" } end
              return nil
            end
            """);
        await Sut.RestartRunnerAsync("near_restart");
        var restarted = await Sut.GetRunnerAsync("near_restart");
        await _platform.PublishAsync(candles[4..]);
        var after = await Sut.GetRunnerAsync("near_restart");

        Assert.Equal(1m, held.PositionQuantity);
        Assert.Equal(1m, restarted.PositionQuantity);
        Assert.Equal(RunnerState.InPosition, restarted.State);
        Assert.Equal(0m, after.PositionQuantity);
        Assert.Equal(1, after.Trades);
    }

    [Fact]
    public async Task AddRunnerAsync_AfterRemove_StartsAFreshRunnerWithTheSameId()
    {
        await Sut.AddRunnerAsync(Definitions.Runner("mana_again", "MANAUSDT", _scripts.Cycle, "hold=100"));
        var candles = PlatformCluster.Candles("MANAUSDT", 8);
        await _platform.PublishAsync(candles[..3]);
        var first = await Sut.GetRunnerAsync("mana_again");
        await Sut.RemoveRunnerAsync("mana_again");
        await Wait.UntilAsync(async () => await _platform.HostOfAsync<IRunnerGrain>("mana_again") is null, "the removed runner deactivated");

        var again = await Sut.AddRunnerAsync(Definitions.Runner("mana_again", "MANAUSDT", _scripts.Cycle, "hold=2"));
        await _platform.PublishAsync(candles[3..]);
        var later = await Sut.GetRunnerAsync("mana_again");

        Assert.Equal(1m, first.PositionQuantity);
        Assert.Equal(0m, again.PositionQuantity);
        Assert.True(again.Deployment.Epoch > first.Deployment.Epoch);
        Assert.Equal(5, later.BarsProcessed);
        Assert.Equal(1, later.Trades);
    }
}
