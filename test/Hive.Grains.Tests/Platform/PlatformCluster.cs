using Hive.Grains.Storage;
using Hive.Grains.Feeds;
using Hive.Grains.Gateway;
using Hive.Grains.Hosting;
using Hive.Grains.Ledger;
using Hive.Grains.Placement;
using Hive.Grains.Runners;
using Hive.Grains.Streaming;
using Hive.Trading.Market;
using Hive.Trading.Market.Sources;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;

namespace Hive.Grains.Tests.Platform;

/// <summary>
/// A platform cluster on Orleans' <see cref="InProcessTestCluster"/>, wired with
/// <see cref="HivePlatformExtensions.AddHivePlatform"/>: silos named and roled as asked (default control0, live0, live1,
/// data0), one in-memory ledger, one paper broker and one <see cref="MemoryJsonGrainStorage"/> shared by every silo, as in
/// one process. Calls go through the cluster's client.
/// </summary>
public sealed class PlatformCluster : IAsyncDisposable
{
    private static readonly (string Name, string Role)[] DefaultSilos =
        [("control0", SiloRoles.Control), ("live0", SiloRoles.Live), ("live1", SiloRoles.Live), ("data0", SiloRoles.Data)];

    private readonly (string Name, string Role)[] _silos;

    private PlatformCluster(InProcessTestCluster cluster, (string Name, string Role)[] silos, MemoryJsonGrainStorage storage, InMemoryLedger ledger, IBroker broker)
    {
        Cluster = cluster;
        _silos = silos;
        Storage = storage;
        Ledger = ledger;
        ExchangeBroker = broker;
    }

    public InProcessTestCluster Cluster { get; }

    public MemoryJsonGrainStorage Storage { get; }

    public InMemoryLedger Ledger { get; }

    /// <summary>The paper broker behind the gateways (the cluster must have been started with one).</summary>
    public PaperBroker Broker => (PaperBroker)ExchangeBroker;

    /// <summary>The broker behind the gateways.</summary>
    public IBroker ExchangeBroker { get; }

    public IGrainFactory Grains => Cluster.Client;

    public IRunnerRegistryGrain Registry => Grains.GetGrain<IRunnerRegistryGrain>(IRunnerRegistryGrain.DefaultKey);

    /// <summary>Starts silos named after their role: <c>control0</c>, <c>live0</c>, <c>live1</c>, <c>data0</c> by default.</summary>
    public static Task<PlatformCluster> StartAsync(params (string Name, string Role)[] silos) => StartAsync(new MemoryJsonGrainStorage(), silos);

    /// <summary>Starts the silos with <paramref name="storage"/> as the platform storage of every silo.</summary>
    public static Task<PlatformCluster> StartAsync(MemoryJsonGrainStorage storage, params (string Name, string Role)[] silos) =>
        StartAsync(storage, new InMemoryLedger(), new PaperBroker(), null, silos);

    /// <summary>Starts the silos with shared <paramref name="storage"/>, <paramref name="ledger"/> and <paramref name="broker"/>.</summary>
    public static async Task<PlatformCluster> StartAsync(
        MemoryJsonGrainStorage storage, InMemoryLedger ledger, IBroker broker, Hive.Grains.Gateway.GatewayOptions? gateway, params (string Name, string Role)[] silos)
    {
        if (silos.Length == 0)
        {
            silos = DefaultSilos;
        }

        var builder = new InProcessTestClusterBuilder((short)silos.Length);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var (name, role) = SpecOf(silos, options.SiloName);
            silo.Services.PostConfigure<SiloOptions>(o => o.SiloName = name);
            silo.AddHivePlatform(o =>
            {
                o.Role = role;
                o.Tags.Add(role == SiloRoles.Live ? "low_latency" : role == SiloRoles.Data ? "high_ram" : "region=test");
                o.Storage = storage;
            });
            silo.AddHiveLedger(ledger);
            silo.AddHiveGateway(broker, gateway);
        });
        builder.ConfigureClient(client => client.AddHiveMarketStreams(MarketStreams.ProviderName));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PlatformCluster(cluster, silos, storage, ledger, broker);
    }

    /// <summary>The silo named <paramref name="name"/>.</summary>
    public InProcessSiloHandle Silo(string name) => Cluster.Silos.Single(s => NameOf(s) == name);

    /// <summary>The name a silo was given (<c>live0</c>), not the test cluster's instance name.</summary>
    public string NameOf(InProcessSiloHandle silo) => SpecOf(_silos, silo.Name).Name;

    /// <summary>The silo hosting the activation of <typeparamref name="TGrain"/> with <paramref name="key"/>, or null.</summary>
    public Task<InProcessSiloHandle?> HostOfAsync<TGrain>(string key)
        where TGrain : IGrainWithStringKey
    {
        // The silos' own activation directories, not a directory lookup: a cached directory entry can outlive the
        // activation it names, which would make a deactivated grain look alive.
        var id = Grains.GetGrain<TGrain>(key).GetGrainId();
        var host = Cluster.TryGetGrainContext(id, out var context)
            ? Cluster.Silos.FirstOrDefault(s => s.SiloAddress.Equals(context.Address.SiloAddress))
            : null;
        return Task.FromResult(host);
    }

    /// <summary>A grain factory whose calls start at <paramref name="silo"/>.</summary>
    public static IGrainFactory FactoryOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<IGrainFactory>();

    /// <summary>Kills <paramref name="silo"/> (no graceful shutdown) and waits until the others have declared it dead.</summary>
    public async Task KillSiloAsync(InProcessSiloHandle silo)
    {
        await Cluster.KillSiloAsync(silo);
        await Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
    }

    /// <summary>The role a silo was given.</summary>
    public string RoleOf(InProcessSiloHandle silo) => SpecOf(_silos, silo.Name).Role;

    /// <summary>Makes the calls of <paramref name="call"/> place new activations on <paramref name="silo"/>.</summary>
    public static async Task<T> OnSiloAsync<T>(InProcessSiloHandle silo, Func<Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Publishes <paramref name="candles"/> on <c>market/SYMBOL</c> from the client, awaiting every subscriber.</summary>
    public async Task PublishAsync(IReadOnlyList<Candle> candles)
    {
        var stream = Cluster.Client.GetStreamProvider(MarketStreams.ProviderName).GetStream<MarketEvent>(MarketStreams.For(candles[0].Symbol));
        foreach (var candle in candles)
        {
            await stream.OnNextAsync(MarketEvent.FromCandle(candle)).Within();
        }
    }

    public static Candle[] Candles(string symbol, int count, int seed = 7) =>
        RandomWalkMarketDataSource.GenerateCandles(symbol, count, new RandomWalkOptions { Seed = seed });

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    // Test cluster silos are named Silo_0, Silo_1, … in start order; additional silos beyond the list are live.
    private static (string Name, string Role) SpecOf((string Name, string Role)[] silos, string instanceName)
    {
        var index = int.Parse(instanceName[(instanceName.LastIndexOf('_') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return index < silos.Length ? silos[index] : ($"extra{index}", SiloRoles.Live);
    }
}
