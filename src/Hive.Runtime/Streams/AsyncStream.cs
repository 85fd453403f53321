namespace Hive.Runtime.Streams;

internal sealed class AsyncStream<T>(StreamId streamId, StreamRuntime runtime) : IAsyncStream<T>
{
    public StreamId StreamId => streamId;

    public Task OnNextAsync(T item) => runtime.PublishAsync<T>(streamId, [item]);

    public Task OnNextBatchAsync(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return runtime.PublishAsync<T>(streamId, items as IReadOnlyList<T> ?? [.. items]);
    }

    public async Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var activation = StreamRuntime.CurrentActivation(nameof(SubscribeAsync));
        var subscription = await runtime.Store.GetOrAddAsync(streamId, activation.GrainId);
        activation.StreamObservers[subscription.Id] = new StreamObserverAdapter<T>(observer);
        return new SubscriptionHandle<T>(subscription, runtime);
    }

    public async Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles()
    {
        var activation = StreamRuntime.CurrentActivation(nameof(GetAllSubscriptionHandles));
        var all = await runtime.Store.GetSubscriptionsAsync(streamId);
        return [.. all.Where(s => s.Subscriber == activation.GrainId).Select(s => (StreamSubscriptionHandle<T>)new SubscriptionHandle<T>(s, runtime))];
    }
}
