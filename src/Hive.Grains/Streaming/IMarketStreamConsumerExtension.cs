using Orleans.Concurrency;
using Orleans.Runtime;

namespace Hive.Grains.Streaming;

/// <summary>
/// Installed on every grain that subscribes to a "market" stream: the hub calls it to deliver items to the grain's
/// observers. Generic methods carry the item unboxed; <see cref="Immutable{T}"/> spares the copy Orleans otherwise
/// makes of every argument of a call inside one silo (Orleans' own stream providers deliver items the same way).
/// Methods return <see cref="ValueTask{TResult}"/> so that the hub awaits Orleans' pooled completion directly,
/// without a <see cref="Task"/> per subscriber and event.
/// </summary>
[Alias("hive.streams.IMarketStreamConsumerExtension")]
internal interface IMarketStreamConsumerExtension : IGrainExtension
{
    /// <summary>Hands <paramref name="item"/> (sequence <paramref name="sequence"/> of the hub) to the observer of <paramref name="handleId"/>.</summary>
    [Alias("deliver")]
    ValueTask<DeliveryOutcome> Deliver<T>(Guid handleId, Immutable<T> item, long sequence);

    /// <summary>Hands <paramref name="items"/> (sequence <paramref name="sequence"/> of the hub) to the observer.</summary>
    [Alias("deliver-batch")]
    ValueTask<DeliveryOutcome> DeliverBatch<T>(Guid handleId, Immutable<T[]> items, long sequence);

    /// <summary>Tells the observer that the stream completed.</summary>
    [Alias("complete")]
    ValueTask<DeliveryOutcome> Complete(Guid handleId);

    /// <summary>Tells the observer that the producer failed.</summary>
    [Alias("fail")]
    ValueTask<DeliveryOutcome> Fail(Guid handleId, Exception error);

    /// <summary>
    /// Asks this activation's grain (when it is an <see cref="Orleans.Streams.Core.IStreamSubscriptionObserver"/>)
    /// to resume <paramref name="handleId"/>; returns <see cref="DeliveryOutcome.Delivered"/> when it did.
    /// </summary>
    [Alias("attach")]
    ValueTask<DeliveryOutcome> Attach(string providerName, StreamId streamId, Guid handleId);
}
