using Orleans.Runtime;

namespace Hive.Grains.Streaming;

/// <summary>
/// Installed on every grain that subscribes to a "market" stream: the hub calls it to deliver items to the grain's
/// observers. Generic methods carry the item unboxed in an immutable <see cref="MarketDelivery{T}"/> (not copied
/// inside a silo, as Orleans' own stream providers deliver items). Methods return <see cref="ValueTask"/>, so the hub
/// awaits Orleans' pooled completion directly and a successful delivery allocates no result; a delivery that did not
/// reach an observer throws <see cref="MarketStreamDeliveryException"/>.
/// </summary>
[Alias("hive.streams.IMarketStreamConsumerExtension")]
internal interface IMarketStreamConsumerExtension : IGrainExtension
{
    /// <summary>Hands the item to the observer of the delivery's handle.</summary>
    [Alias("deliver")]
    ValueTask Deliver<T>(MarketDelivery<T> delivery);

    /// <summary>Hands the items to the observer of the delivery's handle, in one call.</summary>
    [Alias("deliver-batch")]
    ValueTask DeliverBatch<T>(MarketBatchDelivery<T> delivery);

    /// <summary>Tells the observer that the stream completed.</summary>
    [Alias("complete")]
    ValueTask Complete(Guid handleId);

    /// <summary>Tells the observer that the producer failed.</summary>
    [Alias("fail")]
    ValueTask Fail(Guid handleId, Exception error);

    /// <summary>
    /// Asks this activation's grain (when it is an <see cref="Orleans.Streams.Core.IStreamSubscriptionObserver"/>)
    /// to resume <paramref name="handleId"/>; throws <see cref="MarketStreamDeliveryException"/> when it did not.
    /// </summary>
    [Alias("attach")]
    ValueTask Attach(string providerName, StreamId streamId, Guid handleId);
}
