using System.Globalization;
using Hive.Binance.Testing;
using Hive.Grains.Feeds;
using Hive.Grains.Placement;
using Hive.Grains.Tests.Platform;
using Hive.Testing;

namespace Hive.Grains.Tests.Exchange;

/// <summary>A Binance feed whose silo dies is brought back on another live silo by the watchdog; its runner keeps trading.</summary>
public sealed class BinanceFeedWatchdogTests : IAsyncLifetime
{
    private const string Symbol = "FILUSDT";
    private FakeBinanceServer _exchange = null!;
    private PlatformCluster _platform = null!;
    private readonly Scripts _scripts = new();

    public async Task InitializeAsync()
    {
        _exchange = await FakeBinanceServer.StartAsync(new FakeBinanceServerOptions { Symbols = [Symbol] });
        _platform = await PlatformCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _platform.DisposeAsync();
        await _exchange.DisposeAsync();
        _scripts.Dispose();
    }

    [Fact]
    public async Task Watchdog_FeedSiloKilled_RestartsTheFeedOnAnotherLiveSiloAndTheRunnerGetsItsBars()
    {
        var kline = Symbol.ToLowerInvariant() + "@kline_1m";
        var feed = _platform.Grains.GetGrain<IMarketFeedGrain>(Symbol);
        await feed.StartAsync(new FeedDefinition(Symbol, FeedSourceKind.Binance, BaseUrl: _exchange.StreamUrl.ToString()));
        await _exchange.WaitForSubscribersAsync(kline, timeout: Wait.Deadline);
        await _platform.Registry.AddRunnerAsync(Definitions.Runner("fil_watch", Symbol, _scripts.Cycle, "hold=1"));
        var open = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() / 60_000 * 60_000 - 86_400_000;
        await BarAsync(kline, open);
        var host = (await _platform.HostOfAsync<IMarketFeedGrain>(Symbol))!;
        Assert.Equal(SiloRoles.Live, _platform.RoleOf(host));
        var connections = _exchange.TotalConnections;

        await _platform.KillSiloAsync(host);

        // Nothing calls the feed but the watchdog: it comes back by itself, on the other live silo, and reconnects.
        await Wait.UntilAsync(async () => await _platform.HostOfAsync<IMarketFeedGrain>(Symbol) is { } moved && moved != host, "the feed was activated again");
        await Wait.UntilAsync(() => _exchange.TotalConnections > connections && _exchange.SubscriberCount(kline) >= 1, "the restarted feed subscribed");
        var moved = (await _platform.HostOfAsync<IMarketFeedGrain>(Symbol))!;
        Assert.Equal(SiloRoles.Live, _platform.RoleOf(moved));
        var status = await BarAsync(kline, open + 60_000);
        Assert.True(status.Gaps >= 1, "the runner was told that data was lost while the feed was away");
        Assert.Contains("restarted", status.LastGap, StringComparison.Ordinal);
        Assert.Equal([Symbol], await _platform.Grains.GetGrain<IFeedWatchdogGrain>(IFeedWatchdogGrain.DefaultKey).GetWatchedAsync());
    }

    private async Task<Hive.Grains.Runners.RunnerStatus> BarAsync(string stream, long open)
    {
        var before = (await _platform.Registry.GetRunnerAsync("fil_watch")).BarsProcessed;
        var json = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"e":"kline","E":{{{open + 60_000}}},"s":"{{{Symbol}}}","k":{"t":{{{open}}},"T":{{{open + 59_999}}},"s":"{{{Symbol}}}","i":"1m","f":1,"L":2,"o":"5.0","c":"5.0","h":"5.1","l":"4.9","v":"10","n":2,"x":true,"q":"50","V":"5","Q":"25","B":"0"}}""");
        Hive.Grains.Runners.RunnerStatus status = null!;
        await Wait.UntilAsync(async () =>
        {
            // A bar published while the runner is being moved may meet no subscriber yet: publish until it is taken.
            await _exchange.PublishAsync(stream, json);
            status = await _platform.Registry.GetRunnerAsync("fil_watch");
            return status.BarsProcessed > before;
        }, $"the runner processed the bar at {open}");
        return status;
    }
}
