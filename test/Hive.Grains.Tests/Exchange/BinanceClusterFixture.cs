using System.Globalization;
using Hive.Binance.Testing;
using Hive.Grains.Exchange;
using Hive.Grains.Feeds;
using Hive.Grains.Ledger;
using Hive.Grains.Runners;
using Hive.Grains.Storage;
using Hive.Grains.Tests.Platform;
using Hive.Testing;

namespace Hive.Grains.Tests.Exchange;

/// <summary>
/// A platform cluster whose gateways trade on a <see cref="FakeBinanceServer"/> through a <see cref="BinanceBroker"/>,
/// with Binance market feeds reading the same fake exchange. Every test uses its own symbols and runner IDs.
/// </summary>
public sealed class BinanceClusterFixture : IAsyncLifetime
{
    public const string Account = "binance";

    private long _nextBarOpen;

    public FakeBinanceServer Exchange { get; private set; } = null!;

    public BinanceBroker Broker { get; private set; } = null!;

    public PlatformCluster Platform { get; private set; } = null!;

    public InMemoryLedger Ledger { get; } = new();

    public Scripts Scripts { get; } = new();

    public async Task InitializeAsync()
    {
        Exchange = await FakeBinanceServer.StartAsync();
        Broker = new BinanceBroker(new BinanceBrokerOptions
        {
            Client = Exchange.ClientOptions(),
            QueryInterval = TimeSpan.FromMilliseconds(200),
            OrderOutcomeTimeout = TimeSpan.FromSeconds(10),
        });
        Platform = await PlatformCluster.StartAsync(new MemoryJsonGrainStorage(), Ledger, Broker, null);

        // Closed bars a day old, one minute apart, so that their close times lie before every live quote and gap.
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        _nextBarOpen = now - (now % 60_000) - 86_400_000;
    }

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        await Broker.DisposeAsync();
        await Exchange.DisposeAsync();
        Scripts.Dispose();
    }

    /// <summary>Starts the Binance feed of <paramref name="symbol"/> on the fake exchange and waits until it is subscribed.</summary>
    public async Task StartFeedAsync(string symbol, bool formingCandles = false)
    {
        Exchange.AddSymbol(symbol);
        await Platform.Grains.GetGrain<IMarketFeedGrain>(symbol)
            .StartAsync(new FeedDefinition(symbol, FeedSourceKind.Binance, BaseUrl: Exchange.StreamUrl.ToString(), IncludeFormingCandles: formingCandles));
        await Exchange.WaitForSubscribersAsync(KlineStream(symbol), timeout: Wait.Deadline);
    }

    /// <summary>Adds a runner of <paramref name="strategy"/> on <paramref name="symbol"/> trading through the Binance gateway.</summary>
    public Task<RunnerStatus> AddRunnerAsync(string runnerId, string symbol, string strategy, string? parameters = null) =>
        Platform.Registry.AddRunnerAsync(Definitions.Runner(runnerId, symbol, strategy, parameters, account: Account));

    /// <summary>
    /// Publishes the next closed one-minute bar of <paramref name="symbol"/> at <paramref name="close"/> on the fake
    /// exchange and waits until <paramref name="runnerId"/> processed it (its orders are settled by then).
    /// </summary>
    public async Task<RunnerStatus> BarAsync(string symbol, string runnerId, double close)
    {
        var before = (await Platform.Registry.GetRunnerAsync(runnerId)).BarsProcessed;
        var open = Interlocked.Add(ref _nextBarOpen, 60_000);
        var sent = await Exchange.PublishAsync(KlineStream(symbol), Kline(symbol, open, close));
        Assert.True(sent > 0, $"no feed connection carries {KlineStream(symbol)}");
        RunnerStatus status = null!;
        await Wait.UntilAsync(async () => (status = await Platform.Registry.GetRunnerAsync(runnerId)).BarsProcessed > before, $"{runnerId} processed the bar at {open}");
        return status;
    }

    /// <summary>The ledger entries of <paramref name="runnerId"/>.</summary>
    public async Task<List<LedgerEntry>> LedgerOfAsync(string runnerId)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in Ledger.ReadAllAsync())
        {
            if (entry.RunnerId == runnerId)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Publishes an update of the candle forming after the last closed bar of <paramref name="symbol"/>.</summary>
    public Task<int> FormingAsync(string symbol, double close)
    {
        var open = Interlocked.Read(ref _nextBarOpen) + 60_000;
        return Exchange.PublishAsync(KlineStream(symbol), Kline(symbol, open, close).Replace("\"x\":true", "\"x\":false", StringComparison.Ordinal));
    }

    public static string KlineStream(string symbol) => symbol.ToLowerInvariant() + "@kline_1m";

    private static string Kline(string symbol, long openTime, double close) => string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"e":"kline","E":{{{openTime + 60_000}}},"s":"{{{symbol}}}","k":{"t":{{{openTime}}},"T":{{{openTime + 59_999}}},"s":"{{{symbol}}}","i":"1m","f":1,"L":2,"o":"{{{close:F8}}}","c":"{{{close:F8}}}","h":"{{{close + 1:F8}}}","l":"{{{close - 1:F8}}}","v":"10.00000000","n":2,"x":true,"q":"1000.00000000","V":"5.00000000","Q":"500.00000000","B":"0"}}""");
}

[CollectionDefinition(Name)]
public sealed class BinanceClusterCollection : ICollectionFixture<BinanceClusterFixture>
{
    public const string Name = "binance cluster";
}
