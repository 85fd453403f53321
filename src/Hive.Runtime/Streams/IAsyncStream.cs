namespace Hive.Runtime.Streams;

/// <summary>
/// A stream of <typeparamref name="T"/>. Delivery is push, ordered per subscriber for a producer that awaits each call,
/// and awaited: <see cref="OnNextAsync"/> completes when every subscriber handled the event (backpressure). The producer
/// sends one message per silo that hosts subscribers; that silo fans out locally.
/// </summary>
public interface IAsyncStream<T>
{
    /// <summary>The stream's identity.</summary>
    StreamId StreamId { get; }

    /// <summary>Publishes one event.</summary>
    Task OnNextAsync(T item);

    /// <summary>Publishes events in order as one batch per destination silo.</summary>
    Task OnNextBatchAsync(IEnumerable<T> items);

    /// <summary>
    /// Subscribes the calling grain (must be called on a grain's turn). Subscriptions are durable per grain identity and
    /// idempotent: subscribing again returns the existing handle and attaches <paramref name="observer"/> to it.
    /// </summary>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer);

    /// <summary>The calling grain's subscriptions to this stream (after reactivation, resume them with <see cref="StreamSubscriptionHandle{T}.ResumeAsync"/>).</summary>
    Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}
