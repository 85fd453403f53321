using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Hive.Grains.Streaming;

/// <summary>Given to <see cref="IStreamSubscriptionObserver.OnSubscribed"/> so a new activation can resume a handle.</summary>
internal sealed class MarketStreamHandleFactory(MarketStreamProvider provider, StreamId streamId, Guid handleId) : IStreamSubscriptionHandleFactory
{
    public StreamId StreamId => streamId;

    public string ProviderName => provider.Name;

    public GuidId SubscriptionId => GuidId.GetGuidId(handleId);

    public StreamSubscriptionHandle<T> Create<T>() => new MarketStreamSubscriptionHandle<T>(provider, streamId, handleId);
}
