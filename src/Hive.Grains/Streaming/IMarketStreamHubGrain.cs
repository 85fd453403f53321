using Orleans.Concurrency;
using Orleans.Runtime;

namespace Hive.Grains.Streaming;

/// <summary>
/// The hub of one stream of one provider (key: <see cref="MarketStreamKey"/>): it keeps the stream's explicit
/// subscriptions durably and pushes every published item to every subscriber. One item type per stream: a producer
/// and its subscribers meet only when they use the same <typeparamref name="T"/>. Items are not copied (see
/// <see cref="Immutable{T}"/>): producers and observers must not mutate them.
/// </summary>
/// <typeparam name="T">The stream's item type.</typeparam>
[Alias("hive.streams.IMarketStreamHubGrain`1")]
internal interface IMarketStreamHubGrain<T> : IGrainWithStringKey
{
    /// <summary>Delivers <paramref name="item"/> to every subscriber; completes when each has taken it or given up.</summary>
    [Alias("publish")]
    ValueTask Publish(Immutable<T> item);

    /// <summary>Delivers <paramref name="items"/> to every subscriber in one call per subscriber.</summary>
    [Alias("publish-batch")]
    ValueTask PublishBatch(Immutable<T[]> items);

    /// <summary>Tells every subscriber that the producer completed the stream.</summary>
    [Alias("complete")]
    ValueTask Complete();

    /// <summary>Tells every subscriber that the producer failed.</summary>
    [Alias("fail")]
    ValueTask Fail(Exception error);

    // Subscription management interleaves with a publish in progress: a subscriber that (re)subscribes from inside
    // a delivery, or from OnSubscribed, must not wait for the publish that is waiting for it.

    /// <summary>Subscribes <paramref name="subscriber"/> (one subscription per grain) and returns its handle.</summary>
    [Alias("subscribe")]
    [AlwaysInterleave]
    Task<Guid> Subscribe(GrainId subscriber);

    /// <summary>Removes the subscription <paramref name="handleId"/>, if present.</summary>
    [Alias("unsubscribe")]
    [AlwaysInterleave]
    Task Unsubscribe(Guid handleId);

    /// <summary>The handles <paramref name="subscriber"/> holds on this stream.</summary>
    [Alias("handles")]
    [AlwaysInterleave]
    Task<Guid[]> GetHandles(GrainId subscriber);
}
