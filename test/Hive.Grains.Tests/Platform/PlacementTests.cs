using Hive.Grains.Backtests;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Orleans.TestingHost;

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

        var hosts = new List<InProcessSiloHandle?>();
        for (var i = 0; i < 6; i++)
        {
            hosts.Add(await _platform.HostOfAsync<IRunnerGrain>($"place_{i}"));
        }

        hosts.Add(await _platform.HostOfAsync<IMarketFeedGrain>("ETCUSDT"));
        hosts.Add(await _platform.HostOfAsync<IGatewayGrain>("acct-place"));
        Assert.All(hosts, h => Assert.Equal(SiloRoles.Live, h is null ? null : _platform.RoleOf(h)));
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
            Assert.Same(live1, (await _platform.HostOfAsync<IRunnerGrain>($"egld_{i}")));
            Assert.Same(live0, (await _platform.HostOfAsync<IRunnerGrain>($"enj_{i}")));
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
            Assert.Equal(SiloRoles.Data, _platform.RoleOf(_platform.Silo(result.Silo)));
        }
    }

    private async Task StartFeedOnAsync(string symbol, InProcessSiloHandle silo)
    {
        await PlatformCluster.OnSiloAsync(silo, () => _platform.Grains.GetGrain<IMarketFeedGrain>(symbol).StartAsync(new FeedDefinition(symbol, FeedSourceKind.Simulated, Speed: 1)));

        Assert.Same(silo, (await _platform.HostOfAsync<IMarketFeedGrain>(symbol)));
    }
}
