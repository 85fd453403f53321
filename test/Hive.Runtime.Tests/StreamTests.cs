using Hive.Runtime.Placement;
using Hive.Runtime.Streams;
using Hive.Runtime.Tests.Grains;

namespace Hive.Runtime.Tests;

[Collection(ClusterCollection.Name)]
public sealed class StreamTests(ClusterFixture fixture)
{
    private async Task<ISubscriberGrain> SubscriberOn(int silo, string key, StreamId stream)
    {
        PlacementHint.Set(fixture.Cluster.Silos[silo].Address);
        var grain = fixture.Cluster.GrainFactory.GetGrain<ISubscriberGrain>(key);
        await grain.Subscribe(stream.Namespace, stream.Key).Within();
        PlacementHint.Clear();
        Assert.Equal("silo" + silo, await grain.SiloName());
        return grain;
    }

    [Fact]
    public async Task OnNextAsync_SubscribersOnThreeSilos_EachReceivesEveryEventInOrderOnce()
    {
        var stream = new StreamId("market", "BTC-" + Guid.NewGuid());
        var keys = Enumerable.Range(0, 4).Select(i => $"sub{i}-{Guid.NewGuid()}").ToArray();
        await SubscriberOn(0, keys[0], stream);
        await SubscriberOn(1, keys[1], stream);
        await SubscriberOn(2, keys[2], stream);
        await SubscriberOn(2, keys[3], stream);
        var sut = fixture.Cluster.Silos[0].GetStreamProvider("default").GetStream<int>(stream);
        var before = fixture.Cluster.Infrastructure.Transport.MessagesSent;

        for (var i = 0; i < 50; i++)
        {
            await sut.OnNextAsync(i).Within();
        }

        var sent = fixture.Cluster.Infrastructure.Transport.MessagesSent - before;
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, 50), SubscriberGrain.Received[key]);
        }

        // One batch per remote silo with subscribers (silo1 and silo2) and one acknowledgement each, per event.
        Assert.Equal(50 * 4, sent);
    }

    [Fact]
    public async Task OnNextBatchAsync_Batch_DeliversInOrder()
    {
        var stream = new StreamId("market", "ETH-" + Guid.NewGuid());
        var key = "batch-" + Guid.NewGuid();
        await SubscriberOn(1, key, stream);
        var sut = fixture.Cluster.Silos[0].GetStreamProvider("default").GetStream<int>(stream);

        await sut.OnNextBatchAsync([5, 6, 7]).Within();
        await sut.OnNextBatchAsync([8]).Within();

        Assert.Equal([5, 6, 7, 8], SubscriberGrain.Received[key]);
    }

    [Fact]
    public async Task SubscribeAsync_AfterReactivation_ResumesWithoutDuplicateSubscription()
    {
        var stream = new StreamId("market", "SOL-" + Guid.NewGuid());
        var key = "resub-" + Guid.NewGuid();
        var grain = await SubscriberOn(2, key, stream);
        var sut = fixture.Cluster.Silos[0].GetStreamProvider("default").GetStream<int>(stream);
        await sut.OnNextAsync(1).Within();

        await grain.Deactivate().Within();
        await Wait.UntilAsync(() => fixture.Cluster.FindHost(grain.GetGrainId()) is null, "the subscriber deactivated");
        await sut.OnNextAsync(2).Within();
        await grain.Subscribe(stream.Namespace, stream.Key).Within();
        await sut.OnNextAsync(3).Within();

        Assert.Equal(1, await grain.HandleCount(stream.Namespace, stream.Key));
        Assert.Equal([1, 2, 3], SubscriberGrain.Received[key]);
    }

    [Fact]
    public async Task UnsubscribeAsync_Unsubscribed_StopsDelivery()
    {
        var stream = new StreamId("market", "ADA-" + Guid.NewGuid());
        var key = "unsub-" + Guid.NewGuid();
        var other = "stay-" + Guid.NewGuid();
        var grain = await SubscriberOn(1, key, stream);
        await SubscriberOn(2, other, stream);
        var sut = fixture.Cluster.Silos[0].GetStreamProvider("default").GetStream<int>(stream);
        await sut.OnNextAsync(1).Within();

        await grain.Unsubscribe(stream.Namespace, stream.Key).Within();
        await sut.OnNextAsync(2).Within();

        Assert.Equal([1], SubscriberGrain.Received[key]);
        Assert.Equal([1, 2], SubscriberGrain.Received[other]);
        Assert.Equal(0, await grain.HandleCount(stream.Namespace, stream.Key));
    }
}
