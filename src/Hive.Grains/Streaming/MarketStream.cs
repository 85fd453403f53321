using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Streams;

namespace Hive.Grains.Streaming;

/// <summary>
/// One "market" stream as seen by a producer or a subscriber. It holds the hub reference, so publishing costs one
/// grain call and nothing else.
/// </summary>
internal sealed class MarketStream<T>(MarketStreamProvider provider, StreamId streamId, IMarketStreamHubGrain<T> hub) : IAsyncStream<T>
{
    public bool IsRewindable => false;

    public string ProviderName => provider.Name;

    public StreamId StreamId => streamId;

    internal IMarketStreamHubGrain<T> Hub => hub;

    // The token of a producer is ignored: the push provider keeps no log to position events in.
    public Task OnNextAsync(T item, StreamSequenceToken? token = null) => hub.Publish(new Immutable<T>(item)).AsTask();

    public Task OnNextBatchAsync(IEnumerable<T> batch, StreamSequenceToken? token = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        T[] items = batch as T[] ?? [.. batch];
        return items.Length == 0 ? Task.CompletedTask : hub.PublishBatch(new Immutable<T[]>(items)).AsTask();
    }

    public Task OnCompletedAsync() => hub.Complete().AsTask();

    public Task OnErrorAsync(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return hub.Fail(ex).AsTask();
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer) =>
        provider.SubscribeAsync(this, ObserverSlot<T>.For(observer));

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token, string? filterData = null)
    {
        MarketStreamProvider.RejectToken(token, provider.Name);
        if (filterData is not null)
        {
            throw new NotSupportedException($"Stream provider '{provider.Name}' does not filter: subscribe without filterData.");
        }

        return SubscribeAsync(observer);
    }

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer) =>
        provider.SubscribeAsync(this, ObserverSlot<T>.For(observer));

    public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer, StreamSequenceToken? token)
    {
        MarketStreamProvider.RejectToken(token, provider.Name);
        return SubscribeAsync(observer);
    }

    public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => provider.GetAllSubscriptionHandlesAsync(this);

    public bool Equals(IAsyncStream<T>? other) =>
        other is not null && other.StreamId == streamId && string.Equals(other.ProviderName, provider.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is IAsyncStream<T> other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(provider.Name, streamId);

    public int CompareTo(IAsyncStream<T>? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byProvider = string.CompareOrdinal(provider.Name, other.ProviderName);
        return byProvider != 0 ? byProvider : streamId.CompareTo(other.StreamId);
    }

    public override string ToString() => $"{provider.Name}/{streamId}";
}
