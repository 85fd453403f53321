using Hive.Grains.Backtests;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Runners;
using Hive.Runtime.Cluster;
using Hive.Runtime.Placement;

namespace Hive.Grains.Tests.Platform;

[Collection(PlatformClusterCollection.Name)]
public sealed class PlacementTests(PlatformClusterFixture fixture)
{
    private readonly PlatformCluster _platform = fixture.Platform;
    private readonly Scripts _scripts = fixture.Scripts;

    [Fact]
    public async Task LivePlacement_RunnersFeedsAndGateway_NeverLandOnDataOrControlSilos()
    {
        var sut = _platform.Registry;
        for (var i = 0; i < 6; i++)
        {
            await sut.AddRunnerAsync(Definitions.Runner($"place_{i}", i % 2 == 0 ? "ETCUSDT" : "FILUSDT", _scripts.Cycle, account: "acct-place"));
        }

        await _platform.Grains.GetGrain<IMarketFeedGrain>("ETCUSDT").StartAsync(new FeedDefinition("ETCUSDT", FeedSourceKind.Simulated, Speed: 1));
        await _platform.PublishAsync(PlatformCluster.Candles("FILUSDT", 4));

        var hosts = Enumerable.Range(0, 6).Select(i => _platform.HostOf(typeof(RunnerGrain), $"place_{i}"))
            .Append(_platform.HostOf(typeof(MarketFeedGrain), "ETCUSDT"))
            .Append(_platform.HostOf(typeof(GatewayGrain), "acct-place"))
            .ToList();
        Assert.All(hosts, h => Assert.Equal(SiloRoles.Live, h?.Metadata.Role));
        await _platform.Grains.GetGrain<IMarketFeedGrain>("ETCUSDT").StopAsync();
    }

    [Fact]
    public async Task LivePlacement_RunnerOfASymbol_LandsOnTheSiloHostingItsFeed()
    {
        var live0 = _platform.Silo("live0");
        var live1 = _platform.Silo("live1");
        await StartFeedOnAsync("EGLDUSDT", live1);
        await StartFeedOnAsync("ENJUSDT", live0);

        for (var i = 0; i < 3; i++)
        {
            await _platform.Registry.AddRunnerAsync(Definitions.Runner($"egld_{i}", "EGLDUSDT", "ema-cross"));
            await _platform.Registry.AddRunnerAsync(Definitions.Runner($"enj_{i}", "ENJUSDT", "ema-cross"));
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Same(live1, _platform.HostOf(typeof(RunnerGrain), $"egld_{i}"));
            Assert.Same(live0, _platform.HostOf(typeof(RunnerGrain), $"enj_{i}"));
        }

        await _platform.Grains.GetGrain<IMarketFeedGrain>("EGLDUSDT").StopAsync();
        await _platform.Grains.GetGrain<IMarketFeedGrain>("ENJUSDT").StopAsync();
    }

    [Fact]
    public async Task DataPlacement_Backtests_NeverLandOnLiveSilos()
    {
        for (var i = 0; i < 3; i++)
        {
            var sut = _platform.Grains.GetGrain<IBacktestGrain>($"placement-{i}");

            var result = await sut.RunAsync(new BacktestRequest([], ["BTCUSDT:200:3"], [Definitions.Runner("bt", "BTCUSDT", "ema-cross", "fast=3,slow=8")]));

            Assert.Equal("data0", result.Silo);
            Assert.Equal(SiloRoles.Data, _platform.Silo(result.Silo).Metadata.Role);
        }
    }

    private async Task StartFeedOnAsync(string symbol, Hive.Runtime.Hosting.Silo silo)
    {
        PlacementHint.Set(silo.Address);
        try
        {
            await _platform.Grains.GetGrain<IMarketFeedGrain>(symbol).StartAsync(new FeedDefinition(symbol, FeedSourceKind.Simulated, Speed: 1));
        }
        finally
        {
            PlacementHint.Clear();
        }

        Assert.Same(silo, _platform.HostOf(typeof(MarketFeedGrain), symbol));
    }
}
