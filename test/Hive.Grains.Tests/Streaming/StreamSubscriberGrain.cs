using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Hive.Grains.Tests.Streaming;

/// <summary>
/// Subscribes explicitly with the standard stream API and resumes its handles after reactivation through
/// <see cref="IStreamSubscriptionObserver"/>, as Hive's runner grains do. Records into its <see cref="SubscriberProbe"/>.
/// </summary>
internal sealed class StreamSubscriberGrain : Grain, IStreamSubscriberGrain, IStreamSubscriptionObserver, IAsyncObserver<TestTick>, IAsyncBatchObserver<TestTick>
{
    private SubscriberProbe _probe = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _probe = SubscriberProbe.For(this.GetPrimaryKeyString());
        if (_probe.TakeActivationFailure())
        {
            throw new InvalidOperationException($"Subscriber {this.GetPrimaryKeyString()} fails to activate on purpose.");
        }

        _probe.Activated(Guid.NewGuid());
        return Task.CompletedTask;
    }

    public async Task<Guid> Subscribe(string provider, string symbol) =>
        (await Stream(provider, symbol).SubscribeAsync((IAsyncObserver<TestTick>)this)).HandleId;

    public async Task<Guid> SubscribeBatch(string provider, string symbol) =>
        (await Stream(provider, symbol).SubscribeAsync((IAsyncBatchObserver<TestTick>)this)).HandleId;

    public async Task<Guid[]> GetHandles(string provider, string symbol) =>
        [.. (await Stream(provider, symbol).GetAllSubscriptionHandles()).Select(h => h.HandleId)];

    public async Task Unsubscribe(string provider, string symbol)
    {
        foreach (var handle in await Stream(provider, symbol).GetAllSubscriptionHandles())
        {
            await handle.UnsubscribeAsync();
        }
    }

    public Task Publish(string provider, string symbol, int sequence) => Stream(provider, symbol).OnNextAsync(new TestTick(sequence));

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<SiloAddress> GetSilo() => Task.FromResult(GrainContext.Address.SiloAddress ?? throw new InvalidOperationException("The activation has no silo address."));

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        _probe.Resumed();
        var handle = handleFactory.Create<TestTick>();
        if (_probe.SubscribeAgainOnResume)
        {
            // Runs inside the hub's delivery: the hub must let the subscription call interleave.
            var stream = this.GetStreamProvider(handleFactory.ProviderName).GetStream<TestTick>(handleFactory.StreamId);
            await stream.SubscribeAsync((IAsyncObserver<TestTick>)this);
        }
        else if (_probe.UseBatchObserver)
        {
            await handle.ResumeAsync((IAsyncBatchObserver<TestTick>)this);
        }
        else
        {
            await handle.ResumeAsync((IAsyncObserver<TestTick>)this);
        }
    }

    public async Task OnNextAsync(TestTick item, StreamSequenceToken? token = null)
    {
        if (_probe.Fail)
        {
            throw new InvalidOperationException($"Subscriber {this.GetPrimaryKeyString()} fails on purpose at {item.Sequence}.");
        }

        _probe.Record(item.Sequence);
        if (_probe.Hold is { } hold)
        {
            await hold.Task;
        }
    }

    public Task OnNextAsync(IList<SequentialItem<TestTick>> items)
    {
        _probe.RecordBatch(items.Select(i => i.Item.Sequence));
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync()
    {
        _probe.Completed();
        return Task.CompletedTask;
    }

    public Task OnErrorAsync(Exception ex)
    {
        _probe.Failed(ex);
        return Task.CompletedTask;
    }

    private IAsyncStream<TestTick> Stream(string provider, string symbol) =>
        this.GetStreamProvider(provider).GetStream<TestTick>(StreamId.Create("market", symbol));
}
