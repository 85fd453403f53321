using Hive.Grains.Storage;
using Hive.Grains.Backtests;
using Hive.Grains.Feeds;
using Hive.Grains.Placement;
using Hive.Grains.Gateway;
using Hive.Grains.Runners;
using Hive.Trading.Runners;
using Orleans;
using Orleans.TestingHost;
using Hive.Trading.Strategies;

namespace Hive.Grains.Tests.Platform;

/// <summary>Tests that kill silos or need an unusual set of silos: each starts its own cluster.</summary>
public sealed class IsolatedClusterTests : IDisposable
{
    private readonly Scripts _scripts = new();

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task AddRunnerAsync_NoLiveSiloActive_FailsSayingSo()
    {
        await using var platform = await PlatformCluster.StartAsync(("control0", SiloRoles.Control), ("data0", SiloRoles.Data));
        var sut = platform.Registry;

        var error = await Assert.ThrowsAsync<RunnerRegistryException>(() => sut.AddRunnerAsync(Definitions.Runner("no_live", "BTCUSDT", "ema-cross")));

        Assert.Contains("runner 'no_live' could not start", error.Message, StringComparison.Ordinal);
        Assert.Contains("no active silo with role=live", error.Message, StringComparison.Ordinal);
        Assert.Empty(await sut.GetDefinitionsAsync());
    }

    [Fact]
    public async Task RunnerGrain_SiloKilled_ReactivatesElsewhereWithItsPosition()
    {
        await using var platform = await PlatformCluster.StartAsync();
        var sut = platform.Registry;
        await sut.AddRunnerAsync(Definitions.Runner("sol_hold", "SOLUSDT", _scripts.Cycle, "hold=1000"));
        var candles = PlatformCluster.Candles("SOLUSDT", 8);
        await platform.PublishAsync(candles[..3]);
        var before = await sut.GetRunnerAsync("sol_hold");
        var host = (await platform.HostOfAsync<IRunnerGrain>("sol_hold"))!;

        await platform.Cluster.KillSiloAsync(host);
        var after = await sut.GetRunnerAsync("sol_hold");
        await platform.PublishAsync(candles[3..]);
        var later = await sut.GetRunnerAsync("sol_hold");

        Assert.Equal(1m, before.PositionQuantity);
        Assert.Equal(RunnerState.InPosition, after.State);
        Assert.Equal(before.PositionQuantity, after.PositionQuantity);
        Assert.Equal(before.EntryPrice, after.EntryPrice);
        Assert.Equal(before.OrdersFilled, after.OrdersFilled);
        Assert.NotEqual(platform.NameOf(host), after.Silo);
        Assert.True(after.Deployment.Epoch > before.Deployment.Epoch, $"epoch {after.Deployment.Epoch} after {before.Deployment.Epoch}");
        Assert.Equal(1m, later.PositionQuantity);
        Assert.Equal(candles[^1].CloseTime, later.LastEventTime);
        Assert.Equal(1, later.OrdersFilled);
    }

    [Fact]
    public async Task RunnerGrain_SiloKilled_TradeCountStaysCumulative()
    {
        await using var platform = await PlatformCluster.StartAsync();
        var sut = platform.Registry;
        await sut.AddRunnerAsync(Definitions.Runner("ada_count", "ADAUSDT", _scripts.Cycle, "hold=1"));
        var candles = PlatformCluster.Candles("ADAUSDT", 12);
        await platform.PublishAsync(candles[..6]);
        var before = await sut.GetRunnerAsync("ada_count");
        var host = (await platform.HostOfAsync<IRunnerGrain>("ada_count"))!;

        await platform.KillSiloAsync(host);
        var after = await sut.GetRunnerAsync("ada_count");
        await platform.PublishAsync(candles[6..]);
        var later = await sut.GetRunnerAsync("ada_count");

        Assert.Equal(2, before.Trades);
        Assert.Equal(before.Trades, after.Trades);
        Assert.Equal(4, later.Trades);
    }

    [Fact]
    public async Task RunnerTrader_StaleActivationWithTheOldDeploymentId_IsFencedAndTheBrokerSeesNoDuplicate()
    {
        const string account = "acct-fencing";
        await using var platform = await PlatformCluster.StartAsync();
        var sut = platform.Registry;
        var definition = Definitions.Runner("link_fenced", "LINKUSDT", _scripts.Cycle, "hold=1", account: account);
        var first = await sut.AddRunnerAsync(definition);
        var host = (await platform.HostOfAsync<IRunnerGrain>("link_fenced"))!;
        // The first activation's pipeline, as if it survived on a partitioned silo.
        var stale = await RunnerTrader.CreateAsync(platform.Grains, definition, null, "stale", StrategyCatalog.Default, first.Deployment);

        await platform.Cluster.KillSiloAsync(host);
        var current = await sut.GetRunnerAsync("link_fenced");
        var candles = PlatformCluster.Candles("LINKUSDT", 12);
        foreach (var candle in candles)
        {
            await platform.PublishAsync([candle]);
            await stale.OnMarketEventAsync(Hive.Trading.Market.MarketEvent.FromCandle(candle));
        }

        var status = await sut.GetRunnerAsync("link_fenced");
        var gateway = await platform.Grains.GetGrain<IGatewayGrain>(account).GetStatusAsync();
        var broker = platform.Broker.GetStats(account);
        Assert.True(current.Deployment.Epoch > first.Deployment.Epoch);
        Assert.True(stale.IsFenced);
        Assert.Equal(0, stale.OrdersFilled);
        Assert.Equal(1, stale.OrdersFenced);
        Assert.Equal(8, status.OrdersFilled);
        Assert.Equal(0, status.OrdersFenced);
        Assert.Equal(8, gateway.OrdersFilled);
        Assert.Equal(1, gateway.OrdersFenced);
        Assert.Equal(8, broker.OrdersReceived);
        Assert.Equal(8, broker.OrdersFilled);
        Assert.Equal(0, broker.DuplicatesReceived);
    }

    [Fact]
    public async Task MarketFeedGrain_SiloKilled_ResumesWithItsRunnersElsewhere()
    {
        await using var platform = await PlatformCluster.StartAsync();
        var live1 = platform.Silo("live1");
        var feed = platform.Grains.GetGrain<IMarketFeedGrain>("UNIUSDT");
        await PlatformCluster.OnSiloAsync(live1, () => feed.StartAsync(new FeedDefinition("UNIUSDT", FeedSourceKind.Simulated, Speed: 0, Seed: 3)));

        await platform.Registry.AddRunnerAsync(Definitions.Runner("uni_feed", "UNIUSDT", _scripts.Cycle, "hold=2"));
        Assert.Same(live1, (await platform.HostOfAsync<IRunnerGrain>("uni_feed")));
        await Wait.UntilAsync(async () => (await platform.Registry.GetRunnerAsync("uni_feed")).BarsProcessed >= 100, "100 bars reached the runner");
        var before = await platform.Registry.GetRunnerAsync("uni_feed");

        await platform.Cluster.KillSiloAsync(live1);
        var reactivated = await platform.Registry.GetRunnerAsync("uni_feed");
        await Wait.UntilAsync(
            async () => (await platform.Registry.GetRunnerAsync("uni_feed")).LastEventTime > before.LastEventTime + (100 * 60_000),
            "the resumed feed's bars reached the reactivated runner");
        var status = await feed.GetStatusAsync();
        await feed.StopAsync();
        var after = await platform.Registry.GetRunnerAsync("uni_feed");

        Assert.Equal("live0", reactivated.Silo);
        Assert.Equal("live0", status.Silo);
        Assert.True(status.Running);
        Assert.True(after.OrdersFilled > before.OrdersFilled, $"fills {after.OrdersFilled} after {before.OrdersFilled}");
        Assert.Equal(0, platform.Broker.GetStats("paper").DuplicatesReceived);
    }

    [Fact]
    public async Task DataPlacement_BacktestOnLoadedData_GoesToTheDataSiloHoldingIt()
    {
        await using var platform = await PlatformCluster.StartAsync(
            ("control0", SiloRoles.Control), ("live0", SiloRoles.Live), ("data0", SiloRoles.Data), ("data1", SiloRoles.Data));
        var first = WriteKlines("QNTUSDT-1m-2026-01.csv", PlatformCluster.Candles("QNTUSDT", 300, seed: 4));
        var second = WriteKlines("RUNEUSDT-1m-2026-01.csv", PlatformCluster.Candles("RUNEUSDT", 300, seed: 5));
        await RunOnAsync(platform, "warm-qnt", first, platform.Silo("data1"));
        await RunOnAsync(platform, "warm-rune", second, platform.Silo("data0"));

        var qnt = await RunWithAffinityAsync(platform, "again-qnt", first);
        var rune = await RunWithAffinityAsync(platform, "again-rune", second);

        Assert.Equal("data1", qnt.Silo);
        Assert.Equal("data0", rune.Silo);
        Assert.Equal(300, qnt.Bars);
    }

    private static async Task RunOnAsync(PlatformCluster platform, string key, string data, InProcessSiloHandle silo)
    {
        var result = await PlatformCluster.OnSiloAsync(silo, () => platform.Grains.GetGrain<IBacktestGrain>(key).RunAsync(Request(data)));
        Assert.Equal(platform.NameOf(silo), result.Silo);

        await Wait.UntilAsync(async () => await platform.HostOfAsync<IBacktestGrain>(key) is null, $"backtest {key} deactivated");
    }

    private static async Task<BacktestResult> RunWithAffinityAsync(PlatformCluster platform, string key, string data)
    {
        using var affinity = PlacementAffinity.ForDataset(PlacementAffinity.DataDataset(data));
        return await platform.Grains.GetGrain<IBacktestGrain>(key).RunAsync(Request(data));
    }

    private static BacktestRequest Request(string data) =>
        new([data], [], [Definitions.Runner("bt", Path.GetFileName(data).Split('-')[0], "ema-cross", "fast=3,slow=8")]);

    private string WriteKlines(string name, IReadOnlyList<Hive.Trading.Market.Candle> candles) =>
        _scripts.Write(name, string.Concat(candles.Select(c => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{c.OpenTime},{c.Open:R},{c.High:R},{c.Low:R},{c.Close:R},{c.Volume:R},{c.CloseTime},0,0,0,0,0\n"))));

    [Fact]
    public async Task OnNextAsync_TicksWithoutFillOrStop_DoNotWriteRunnerState()
    {
        var storage = new MemoryJsonGrainStorage();
        await using var platform = await PlatformCluster.StartAsync(storage);
        var dithering = _scripts.Write("dither.lua", """
            function detect_opportunity(m, context, indicators) return { reason = "maybe" } end
            function filter_commitment(m, context, indicators) return { action = "cancel_analysis" } end
            function manage_position(m, context, indicators) return nil end
            """);
        await platform.Registry.AddRunnerAsync(Definitions.Runner("vet_dither", "VETUSDT", dithering));
        await platform.Registry.AddRunnerAsync(Definitions.Runner("vet_trade", "VETUSDT", _scripts.Cycle, "hold=2"));
        var dither = platform.Grains.GetGrain<IRunnerGrain>("vet_dither").GetGrainId();
        var trade = platform.Grains.GetGrain<IRunnerGrain>("vet_trade").GetGrainId();
        var ditherBefore = storage.WritesOf(dither);
        var tradeBefore = storage.WritesOf(trade);

        await platform.PublishAsync(PlatformCluster.Candles("VETUSDT", 20));
        var status = await platform.Registry.GetRunnerAsync("vet_dither");

        Assert.Equal(20, status.BarsProcessed);
        Assert.Equal(ditherBefore, storage.WritesOf(dither));
        Assert.Equal(tradeBefore + 10, storage.WritesOf(trade));
    }
}
