using Hive.Grains.Hosting;
using Hive.Grains.Placement;
using Hive.Grains.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Hive.Grains.Tests.Streaming;

/// <summary>
/// Three silos with the "market" push provider, subscriptions in <see cref="SharedInProcessGrainStorage"/>, and a
/// client that produces on the same provider. Shared by the stream tests through <see cref="StreamClusterCollection"/>.
/// </summary>
public sealed class StreamClusterFixture : IAsyncLifetime
{
    public const string Provider = HiveMarketStreamsHostingExtensions.DefaultName;

    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public IStreamSubscriberGrain Subscriber(string key) => Client.GetGrain<IStreamSubscriberGrain>(key);

    public IAsyncStream<TestTick> Stream(string symbol) =>
        Client.GetStreamProvider(Provider).GetStream<TestTick>(StreamId.Create("market", symbol));

    public async Task InitializeAsync()
    {
        _cluster = Build(3);
        await _cluster.DeployAsync();
    }

    /// <summary>
    /// A cluster of live silos with the push provider (subscriptions in <see cref="SharedInProcessGrainStorage"/>) and a
    /// client that publishes; <paramref name="configure"/> adjusts the provider's options.
    /// </summary>
    public static InProcessTestCluster Build(short silos, Action<HiveMarketStreamOptions>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddHivePlacement(SiloRoles.Live, []);
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                HiveMarketStreamOptions.DefaultStorageName,
                (services, _) => new SharedInProcessGrainStorage(services.GetRequiredService<DeepCopier>()));
            silo.AddHiveMarketStreams(configure: configure);
        });
        builder.ConfigureClient(client => client.AddHiveMarketStreams());
        return builder.Build();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
