using Hive.Grains.Gateway;
using Hive.Grains.Runners;
using Hive.Runtime.Cluster;
using Hive.Trading.Runners;
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
        var host = platform.HostOf(typeof(RunnerGrain), "sol_hold")!;

        await platform.Cluster.KillSiloAsync(host);
        var after = await sut.GetRunnerAsync("sol_hold");
        await platform.PublishAsync(candles[3..]);
        var later = await sut.GetRunnerAsync("sol_hold");

        Assert.Equal(1m, before.PositionQuantity);
        Assert.Equal(RunnerState.InPosition, after.State);
        Assert.Equal(before.PositionQuantity, after.PositionQuantity);
        Assert.Equal(before.EntryPrice, after.EntryPrice);
        Assert.Equal(before.OrdersFilled, after.OrdersFilled);
        Assert.NotEqual(host.Metadata.Name, after.Silo);
        Assert.True(after.Deployment.Epoch > before.Deployment.Epoch, $"epoch {after.Deployment.Epoch} after {before.Deployment.Epoch}");
        Assert.Equal(1m, later.PositionQuantity);
        Assert.Equal(candles[^1].CloseTime, later.LastEventTime);
        Assert.Equal(1, later.OrdersFilled);
    }

    [Fact]
    public async Task RunnerTrader_StaleActivationWithTheOldDeploymentId_IsFencedAndTheBrokerSeesNoDuplicate()
    {
        const string account = "acct-fencing";
        await using var platform = await PlatformCluster.StartAsync();
        var sut = platform.Registry;
        var definition = Definitions.Runner("link_fenced", "LINKUSDT", _scripts.Cycle, "hold=1", account: account);
        var first = await sut.AddRunnerAsync(definition);
        var host = platform.HostOf(typeof(RunnerGrain), "link_fenced")!;
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
}
