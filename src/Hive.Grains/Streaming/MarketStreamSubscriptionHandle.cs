using Orleans.Runtime;
using Orleans.Streams;

namespace Hive.Grains.Streaming;

/// <summary>
/// A subscription of a grain to a "market" stream. Resuming only re-attaches an observer in the current activation
/// (no call to the hub), so it also works from inside a delivery.
/// </summary>
[GenerateSerializer]
[Alias("hive.streams.MarketStreamSubscriptionHandle`1")]
internal sealed class MarketStreamSubscriptionHandle<T> : StreamSubscriptionHandle<T>
{
    // The provider is a silo-local object: a handle that went through serialization has none and cannot act.
    [NonSerialized]
    private readonly MarketStreamProvider? _provider;

    public MarketStreamSubscriptionHandle(MarketStreamProvider provider, StreamId streamId, Guid handleId)
    {
        _provider = provider;
        ProviderNameValue = provider.Name;
        StreamIdValue = streamId;
        HandleIdValue = handleId;
    }

    [Id(0)]
    public string ProviderNameValue { get; private set; }

    [Id(1)]
    public StreamId StreamIdValue { get; private set; }

    [Id(2)]
    public Guid HandleIdValue { get; private set; }

    public override StreamId StreamId => StreamIdValue;

    public override string ProviderName => ProviderNameValue;

    public override Guid HandleId => HandleIdValue;

    public override Task UnsubscribeAsync() => Provider.UnsubscribeAsync<T>(StreamIdValue, HandleIdValue);

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token = null) =>
        Resume(ObserverSlot<T>.For(observer), token);

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncBatchObserver<T> observer, StreamSequenceToken? token = null) =>
        Resume(ObserverSlot<T>.For(observer), token);

    public override bool Equals(StreamSubscriptionHandle<T>? other) =>
        other is not null && other.HandleId == HandleIdValue && other.StreamId == StreamIdValue
        && string.Equals(other.ProviderName, ProviderNameValue, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is StreamSubscriptionHandle<T> other && Equals(other);

    public override int GetHashCode() => HandleIdValue.GetHashCode();

    public override string ToString() => $"{ProviderNameValue}/{StreamIdValue} handle {HandleIdValue}";

    private MarketStreamProvider Provider => _provider ?? throw new InvalidOperationException(
        $"Subscription handle {HandleIdValue} of stream '{StreamIdValue}' was deserialized; get the handle from GetAllSubscriptionHandles in the subscribing grain.");

    private Task<StreamSubscriptionHandle<T>> Resume(ObserverSlot<T> slot, StreamSequenceToken? token)
    {
        MarketStreamProvider.RejectToken(token, ProviderNameValue);
        Provider.Resume(HandleIdValue, slot);
        return Task.FromResult<StreamSubscriptionHandle<T>>(this);
    }
}
