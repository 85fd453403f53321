using Hive.Grains.Hosting;
using Hive.Grains.Placement;
using Hive.Grains.Streaming;
using Microsoft.Extensions.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Hive.Grains.Tests.Streaming;

public sealed class MemoryStreamsSwitchTests
{
    [Fact]
    public async Task AddHiveMarketStreams_ProviderIsMemory_SameApiGoesThroughOrleansMemoryStreams()
    {
        KeyValuePair<string, string?>[] settings = [new(HiveMarketStreamOptions.ProviderConfigurationKey, "memory")];
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) => silo.AddHivePlacement(SiloRoles.Live, []).AddHiveMarketStreams(configure: o => o.MemoryPollPeriod = TimeSpan.FromMilliseconds(10)));
        builder.ConfigureClientHost(host => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureClient(client => client.AddHiveMarketStreams());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var sut = cluster.Client.GetStreamProvider(StreamClusterFixture.Provider);
        var subscriber = cluster.Client.GetGrain<IStreamSubscriberGrain>("memory-a");
        var probe = SubscriberProbe.For("memory-a");

        var handle = await subscriber.Subscribe(StreamClusterFixture.Provider, "MEMORY");
        var stream = sut.GetStream<TestTick>(StreamId.Create("market", "MEMORY"));
        for (var i = 1; i <= 5; i++)
        {
            await stream.OnNextAsync(new TestTick(i));
        }

        await Wait.UntilAsync(() => probe.Received.Length >= 5, "the memory-streams subscriber received 5 events");
        Assert.IsNotType<MarketStreamProvider>(sut);
        Assert.Equal([1, 2, 3, 4, 5], probe.Received);
        Assert.Equal([handle], await subscriber.GetHandles(StreamClusterFixture.Provider, "MEMORY"));
    }
}
