using Hive.Grains.Hosting;
using Hive.Grains.Placement;
using Hive.Grains.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Hive.Grains.Tests.Streaming;

public sealed class DeliveryGiveUpTests
{
    [Fact]
    public async Task OnNextAsync_SubscriberNeverActivates_PublishCompletesAfterTheAttemptsAndOthersKeepReceiving()
    {
        await using var cluster = StreamClusterFixture.Build(1, o =>
        {
            o.MaxDeliveryAttempts = 3;
            o.DeliveryRetryDelay = TimeSpan.FromMilliseconds(1);
        });
        await cluster.DeployAsync();
        var broken = cluster.Client.GetGrain<IStreamSubscriberGrain>("giveup-broken");
        var healthy = cluster.Client.GetGrain<IStreamSubscriberGrain>("giveup-healthy");
        await broken.Subscribe(StreamClusterFixture.Provider, "GIVEUP");
        await healthy.Subscribe(StreamClusterFixture.Provider, "GIVEUP");
        await broken.Deactivate();
        await cluster.WaitForDeactivationAsync(broken);
        var sut = cluster.Client.GetStreamProvider(StreamClusterFixture.Provider).GetStream<TestTick>(StreamId.Create("market", "GIVEUP"));

        SubscriberProbe.For("giveup-broken").ActivationFailures = 1_000;
        await sut.OnNextAsync(new TestTick(1)).Within();
        var attemptsForOneEvent = 1_000 - SubscriberProbe.For("giveup-broken").ActivationFailures;
        await sut.OnNextAsync(new TestTick(2)).Within();

        Assert.Equal(3, attemptsForOneEvent);
        Assert.Equal([1, 2], SubscriberProbe.For("giveup-healthy").Received);
        Assert.Empty(SubscriberProbe.For("giveup-broken").Received);
    }
}
