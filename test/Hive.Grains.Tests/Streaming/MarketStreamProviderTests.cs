using Hive.Grains.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.Streams;

namespace Hive.Grains.Tests.Streaming;

[Collection(StreamClusterCollection.Name)]
public sealed class MarketStreamProviderTests(StreamClusterFixture fixture)
{
    private const string Provider = StreamClusterFixture.Provider;

    [Fact]
    public async Task OnNextAsync_ManyEventsSeveralSubscribers_EachSeesExactOrder()
    {
        const string symbol = "ORDER";
        string[] keys = ["order-a", "order-b", "order-c", "order-d"];
        foreach (var key in keys)
        {
            await fixture.Subscriber(key).Subscribe(Provider, symbol);
        }

        var sut = fixture.Stream(symbol);
        for (var i = 0; i < 300; i++)
        {
            await sut.OnNextAsync(new TestTick(i));
        }

        // A completed OnNextAsync means every subscriber took the event: no waiting needed.
        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, 300), SubscriberProbe.For(key).Received);
        }
    }

    [Fact]
    public async Task OnNextAsync_EventsFromConcurrentProducerGrains_EachSubscriberSeesEachProducersOrder()
    {
        const string symbol = "PRODUCERS";
        string[] keys = ["producers-a", "producers-b"];
        foreach (var key in keys)
        {
            await fixture.Subscriber(key).Subscribe(Provider, symbol);
        }

        async Task ProduceAsync(int producer)
        {
            var grain = fixture.Subscriber($"producers-p{producer}");
            for (var i = 0; i < 100; i++)
            {
                await grain.Publish(Provider, symbol, (producer * 1000) + i);
            }
        }

        await Task.WhenAll(ProduceAsync(1), ProduceAsync(2), ProduceAsync(3));

        foreach (var key in keys)
        {
            var received = SubscriberProbe.For(key).Received;
            Assert.Equal(300, received.Length);
            for (var producer = 1; producer <= 3; producer++)
            {
                var lower = producer * 1000;
                Assert.Equal(Enumerable.Range(lower, 100), received.Where(s => s >= lower && s < lower + 1000));
            }
        }
    }

    [Fact]
    public async Task OnNextAsync_SlowSubscriber_CompletesOnlyAfterEverySubscriberTookTheEvent()
    {
        const string symbol = "BACKPRESSURE";
        await fixture.Subscriber("bp-fast").Subscribe(Provider, symbol);
        await fixture.Subscriber("bp-slow").Subscribe(Provider, symbol);
        var fast = SubscriberProbe.For("bp-fast");
        var slow = SubscriberProbe.For("bp-slow");
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slow.Hold = hold;
        var sut = fixture.Stream(symbol);

        var first = sut.OnNextAsync(new TestTick(1));
        await Wait.UntilAsync(() => fast.Received.Contains(1) && slow.Received.Contains(1), "both subscribers received event 1");
        var second = sut.OnNextAsync(new TestTick(2));

        Assert.False(first.IsCompleted, "the first publish completed while the slow subscriber still held event 1");
        Assert.False(second.IsCompleted, "the second publish completed while the first was still being delivered");
        Assert.Equal([1], fast.Received);

        slow.Hold = null;
        hold.SetResult();
        await first.Within();
        await second.Within();
        Assert.Equal([1, 2], fast.Received);
        Assert.Equal([1, 2], slow.Received);
    }

    [Fact]
    public async Task UnsubscribeAsync_ThenPublish_NoMoreEventsEvenAfterTheHubIsReactivated()
    {
        const string symbol = "UNSUBSCRIBE";
        var leaving = fixture.Subscriber("unsub-leaving");
        await leaving.Subscribe(Provider, symbol);
        await fixture.Subscriber("unsub-staying").Subscribe(Provider, symbol);
        var sut = fixture.Stream(symbol);

        await sut.OnNextAsync(new TestTick(1));
        await leaving.Unsubscribe(Provider, symbol);
        await sut.OnNextAsync(new TestTick(2));
        await fixture.Cluster.DeactivateAsync(Hub(symbol));
        await sut.OnNextAsync(new TestTick(3));

        Assert.Equal([1], SubscriberProbe.For("unsub-leaving").Received);
        Assert.Equal([1, 2, 3], SubscriberProbe.For("unsub-staying").Received);
        Assert.Empty(await leaving.GetHandles(Provider, symbol));
    }

    [Fact]
    public async Task SubscribeAsync_HubDeactivated_SubscriptionComesBackFromStorage()
    {
        const string symbol = "DURABLE";
        var subscriber = fixture.Subscriber("durable-a");
        var handle = await subscriber.Subscribe(Provider, symbol);
        var sut = fixture.Stream(symbol);

        await sut.OnNextAsync(new TestTick(1));
        await fixture.Cluster.DeactivateAsync(Hub(symbol));
        await sut.OnNextAsync(new TestTick(2));

        Assert.Equal([1, 2], SubscriberProbe.For("durable-a").Received);
        Assert.Equal([handle], await subscriber.GetHandles(Provider, symbol));
    }

    [Fact]
    public async Task SubscribeAsync_StorageWriteFails_ThrowsAndLeavesNoSubscription()
    {
        const string symbol = "WRITEFAIL";
        var subscriber = fixture.Subscriber("writefail-a");
        SharedInProcessGrainStorage.FailWritesFor(symbol);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => subscriber.Subscribe(Provider, symbol));
            Assert.Empty(await subscriber.GetHandles(Provider, symbol));
        }
        finally
        {
            SharedInProcessGrainStorage.FailWritesFor(null);
        }

        var handle = await subscriber.Subscribe(Provider, symbol);
        await fixture.Stream(symbol).OnNextAsync(new TestTick(1));

        Assert.Equal([handle], await subscriber.GetHandles(Provider, symbol));
        Assert.Equal([1], SubscriberProbe.For("writefail-a").Received);
    }

    [Fact]
    public async Task SubscribeAsync_SameGrainAgain_ReturnsTheSameHandleAndDeliversOnce()
    {
        const string symbol = "RESUBSCRIBE";
        var subscriber = fixture.Subscriber("resub-a");

        var first = await subscriber.Subscribe(Provider, symbol);
        var second = await subscriber.Subscribe(Provider, symbol);
        await fixture.Stream(symbol).OnNextAsync(new TestTick(1));

        Assert.Equal(first, second);
        Assert.Equal([first], await subscriber.GetHandles(Provider, symbol));
        Assert.Equal([1], SubscriberProbe.For("resub-a").Received);
    }

    [Fact]
    public async Task GetAllSubscriptionHandles_TwoGrainsTwoStreams_ReturnsOnlyThisGrainsHandleForThatStream()
    {
        var a = fixture.Subscriber("handles-a");
        var b = fixture.Subscriber("handles-b");
        var aOnX = await a.Subscribe(Provider, "HANDLES-X");
        await a.Subscribe(Provider, "HANDLES-Y");
        await b.Subscribe(Provider, "HANDLES-X");

        Assert.Equal([aOnX], await a.GetHandles(Provider, "HANDLES-X"));
        Assert.Empty(await fixture.Subscriber("handles-c").GetHandles(Provider, "HANDLES-X"));
    }

    [Fact]
    public async Task OnNextAsync_SubscriberDeactivated_ReactivatesItAndResumesItsHandle()
    {
        const string symbol = "DEACTIVATE";
        var subscriber = fixture.Subscriber("deactivate-a");
        var probe = SubscriberProbe.For("deactivate-a");
        await subscriber.Subscribe(Provider, symbol);
        var sut = fixture.Stream(symbol);
        await sut.OnNextAsync(new TestTick(1));

        await subscriber.Deactivate();
        await fixture.Cluster.WaitForDeactivationAsync(subscriber);
        await sut.OnNextAsync(new TestTick(2));

        Assert.Equal([1, 2], probe.Received);
        Assert.Equal(2, probe.Activations);
        Assert.Equal(1, probe.Resumes);
    }

    [Fact]
    public async Task OnNextAsync_ReactivatedSubscriberSubscribesAgainInsideTheDelivery_GetsTheEventWithTheSameHandle()
    {
        const string symbol = "RESUBSCRIBE-INSIDE";
        var subscriber = fixture.Subscriber("inside-a");
        var probe = SubscriberProbe.For("inside-a");
        probe.SubscribeAgainOnResume = true;
        var handle = await subscriber.Subscribe(Provider, symbol);
        await subscriber.Deactivate();
        await fixture.Cluster.WaitForDeactivationAsync(subscriber);

        await fixture.Stream(symbol).OnNextAsync(new TestTick(1)).Within();

        Assert.Equal([1], probe.Received);
        Assert.Equal(1, probe.Resumes);
        Assert.Equal([handle], await subscriber.GetHandles(Provider, symbol));
    }

    [Fact]
    public async Task OnNextAsync_SubscriberFailsToActivateTwice_HubRetriesAndDeliversInOrder()
    {
        const string symbol = "RETRY";
        var subscriber = fixture.Subscriber("retry-a");
        var probe = SubscriberProbe.For("retry-a");
        await subscriber.Subscribe(Provider, symbol);
        var sut = fixture.Stream(symbol);
        await sut.OnNextAsync(new TestTick(1));
        await subscriber.Deactivate();
        await fixture.Cluster.WaitForDeactivationAsync(subscriber);

        probe.ActivationFailures = 2;
        await sut.OnNextAsync(new TestTick(2));
        await sut.OnNextAsync(new TestTick(3));

        Assert.Equal(0, probe.ActivationFailures);
        Assert.Equal([1, 2, 3], probe.Received);
        Assert.Equal(1, probe.Resumes);
    }

    [Fact]
    public async Task OnNextAsync_SubscriberSiloKilled_GrainComesBackOnAnotherSiloWithItsHandleResumed()
    {
        const string symbol = "KILL";
        var primary = fixture.Cluster.Silos[0].SiloAddress;

        // The producer grain lives on the primary silo, so the hub (placed beside its first caller) does too.
        var other = fixture.Cluster.Silos.First(s => !s.SiloAddress.Equals(primary)).SiloAddress;
        var (producer, _) = await FindSubscriberAsync("kill-producer", silo => silo.Equals(primary), primary);
        await producer.Publish(Provider, symbol, 0);
        var (subscriber, victimAddress) = await FindSubscriberAsync("kill-subscriber", silo => !silo.Equals(primary), other);
        var probe = SubscriberProbe.For(subscriber.GetPrimaryKeyString());
        await subscriber.Subscribe(Provider, symbol);
        await producer.Publish(Provider, symbol, 1);

        await fixture.Cluster.KillSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(victimAddress)));
        // The client may have used the killed silo as its gateway: retry the client-to-producer leg until it gets
        // through (a failed attempt never reached the producer).
        await Wait.UntilAsync(async () =>
        {
            try
            {
                await producer.Publish(Provider, symbol, 2);
                return true;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException)
            {
                return false;
            }
        }, "the producer published event 2 after the kill");

        Assert.Equal([1, 2], probe.Received);
        Assert.Equal(1, probe.Resumes);
        Assert.False((await subscriber.GetSilo()).Equals(victimAddress), "the subscriber still reports the killed silo");
    }

    [Fact]
    public async Task OnNextBatchAsync_ItemAndBatchObservers_EachGetsTheItemsInOrderOneCallPerBatch()
    {
        const string symbol = "BATCH";
        await fixture.Subscriber("batch-items").Subscribe(Provider, symbol);
        await fixture.Subscriber("batch-batches").SubscribeBatch(Provider, symbol);
        var sut = fixture.Stream(symbol);

        await sut.OnNextBatchAsync([new TestTick(1), new TestTick(2), new TestTick(3), new TestTick(4), new TestTick(5)]);
        await sut.OnNextBatchAsync(Enumerable.Range(6, 2).Select(i => new TestTick(i)));
        await sut.OnNextAsync(new TestTick(8));

        Assert.Equal(Enumerable.Range(1, 8), SubscriberProbe.For("batch-items").Received);
        Assert.Equal(Enumerable.Range(1, 8), SubscriberProbe.For("batch-batches").Received);
        Assert.Equal([5, 2, 1], SubscriberProbe.For("batch-batches").BatchSizes);
    }

    [Fact]
    public async Task OnNextAsync_OneSubscriberThrows_OthersReceiveEverythingAndPublishCompletes()
    {
        const string symbol = "FAILING";
        SubscriberProbe.For("failing-bad").Fail = true;
        await fixture.Subscriber("failing-bad").Subscribe(Provider, symbol);
        await fixture.Subscriber("failing-good-1").Subscribe(Provider, symbol);
        await fixture.Subscriber("failing-good-2").Subscribe(Provider, symbol);
        var sut = fixture.Stream(symbol);

        for (var i = 0; i < 20; i++)
        {
            await sut.OnNextAsync(new TestTick(i));
        }

        Assert.Equal(Enumerable.Range(0, 20), SubscriberProbe.For("failing-good-1").Received);
        Assert.Equal(Enumerable.Range(0, 20), SubscriberProbe.For("failing-good-2").Received);
        Assert.Empty(SubscriberProbe.For("failing-bad").Received);
    }

    [Fact]
    public async Task OnCompletedAsyncAndOnErrorAsync_FromTheProducer_ReachEverySubscriber()
    {
        const string symbol = "SIGNALS";
        await fixture.Subscriber("signals-a").Subscribe(Provider, symbol);
        await fixture.Subscriber("signals-b").SubscribeBatch(Provider, symbol);
        var sut = fixture.Stream(symbol);

        await sut.OnErrorAsync(new InvalidOperationException("feed lost"));
        await sut.OnCompletedAsync();

        foreach (var key in new[] { "signals-a", "signals-b" })
        {
            var probe = SubscriberProbe.For(key);
            Assert.Equal(1, probe.Completions);
            Assert.Equal("feed lost", Assert.IsType<InvalidOperationException>(probe.Error).Message);
        }
    }

    [Fact]
    public async Task SubscribeAsync_FromTheClient_ThrowsNotSupported()
    {
        var sut = fixture.Stream("CLIENT");

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => sut.SubscribeAsync((item, _) => Task.CompletedTask));

        Assert.Contains("inside a grain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetStreamProvider_MarketName_ResolvesThePushProviderOnClientAndSilo()
    {
        var onClient = fixture.Client.GetStreamProvider(Provider);
        var onSilo = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IStreamProvider>(Provider);

        Assert.IsType<MarketStreamProvider>(onClient);
        Assert.IsType<MarketStreamProvider>(onSilo);
        Assert.False(onClient.IsRewindable);
    }

    private IMarketStreamHubGrain<TestTick> Hub(string symbol) =>
        fixture.Client.GetGrain<IMarketStreamHubGrain<TestTick>>(MarketStreamKey.Format(Provider, StreamId.Create("market", symbol)));

    // Orleans' default placement weighs silo load, so under a loaded test run it may avoid one silo for a long time: the
    // first call carries a placement hint for the wanted silo, and the predicate still checks where the grain went.
    private async Task<(IStreamSubscriberGrain Grain, SiloAddress Silo)> FindSubscriberAsync(string prefix, Func<SiloAddress, bool> where, SiloAddress? hint = null)
    {
        for (var i = 0; i < 100; i++)
        {
            var grain = fixture.Subscriber($"{prefix}-{i}");
            if (hint is not null)
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, hint);
            }

            SiloAddress silo;
            try
            {
                silo = await grain.GetSilo();
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            if (where(silo))
            {
                return (grain, silo);
            }
        }

        throw new InvalidOperationException($"No grain '{prefix}-N' was placed on a wanted silo in 100 tries.");
    }
}
