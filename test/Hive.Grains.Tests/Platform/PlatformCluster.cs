using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Grains.Runners;
using Hive.Runtime;
using Hive.Runtime.Cluster;
using Hive.Runtime.Hosting;
using Hive.Runtime.Storage;
using Hive.Runtime.Testing;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;

namespace Hive.Grains.Tests.Platform;

/// <summary>
/// A platform test cluster wired with <see cref="HivePlatformExtensions.AddHivePlatform"/>: silos of roles control,
/// live and data (the first one started is the entry point of <see cref="TestCluster.GrainFactory"/>), one in-memory
/// ledger and one paper broker shared by every silo, shared in-memory grain state.
/// </summary>
public sealed class PlatformCluster : IAsyncDisposable
{
    private PlatformCluster(TestCluster cluster, InMemoryLedger ledger, PaperBroker broker)
    {
        Cluster = cluster;
        Ledger = ledger;
        Broker = broker;
    }

    public TestCluster Cluster { get; }

    public InMemoryLedger Ledger { get; }

    public PaperBroker Broker { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public IRunnerRegistryGrain Registry => Grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);

    /// <summary>Starts silos named after their role: <c>control0</c>, <c>live0</c>, <c>live1</c>, <c>data0</c> by default.</summary>
    public static Task<PlatformCluster> StartAsync(params (string Name, string Role)[] silos) => StartAsync(new MemoryGrainStorage(), silos);

    /// <summary>Starts the silos with <paramref name="storage"/> as every silo's grain storage.</summary>
    public static async Task<PlatformCluster> StartAsync(IGrainStorage storage, params (string Name, string Role)[] silos)
    {
        if (silos.Length == 0)
        {
            silos = [("control0", SiloRoles.Control), ("live0", SiloRoles.Live), ("live1", SiloRoles.Live), ("data0", SiloRoles.Data)];
        }

        var ledger = new InMemoryLedger();
        var broker = new PaperBroker();
        var options = new TestClusterOptions
        {
            DefaultStorage = storage,
            ConfigureSilo = silo => silo.AddHivePlatform().AddHiveLedger(ledger).AddHiveGateway(broker),
        };
        foreach (var (name, role) in silos)
        {
            options.Silos.Add(new TestSiloOptions(name, role));
        }

        return new PlatformCluster(await TestCluster.StartAsync(options), ledger, broker);
    }

    public Silo Silo(string name) => Cluster.Silos.Single(s => s.Metadata.Name == name);

    /// <summary>The silo hosting the activation of <paramref name="grainClass"/> with <paramref name="key"/>, or null.</summary>
    public Silo? HostOf(Type grainClass, string key) => Cluster.FindHost(new GrainId(GrainId.TypeNameOf(grainClass), key));

    /// <summary>Publishes <paramref name="candles"/> on <c>market/SYMBOL</c> from the control silo, awaiting every subscriber.</summary>
    public async Task PublishAsync(IReadOnlyList<Candle> candles)
    {
        var stream = Cluster.Primary.GetStreamProvider(MarketStreams.ProviderName).GetStream<MarketEvent>(MarketStreams.For(candles[0].Symbol));
        foreach (var candle in candles)
        {
            await stream.OnNextAsync(MarketEvent.FromCandle(candle)).Within();
        }
    }

    public static Candle[] Candles(string symbol, int count, int seed = 7) =>
        RandomWalkMarketDataSource.GenerateCandles(symbol, count, new RandomWalkOptions { Seed = seed });

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
