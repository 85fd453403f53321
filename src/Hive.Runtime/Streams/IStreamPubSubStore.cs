namespace Hive.Runtime.Streams;

/// <summary>Where stream subscriptions live (in-memory now, PostgreSQL later). At most one subscription per stream and grain.</summary>
public interface IStreamPubSubStore
{
    /// <summary>Returns the grain's subscription to the stream, creating it when absent.</summary>
    Task<StreamSubscription> GetOrAddAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken = default);

    /// <summary>The subscriptions of a stream.</summary>
    ValueTask<IReadOnlyList<StreamSubscription>> GetSubscriptionsAsync(StreamId streamId, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription (no-op when absent).</summary>
    Task RemoveAsync(StreamId streamId, Guid subscriptionId, CancellationToken cancellationToken = default);
}
