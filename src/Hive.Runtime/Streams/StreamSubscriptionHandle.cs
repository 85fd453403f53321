namespace Hive.Runtime.Streams;

/// <summary>A durable subscription of one grain to one stream.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    /// <summary>The subscription's identity.</summary>
    public abstract Guid HandleId { get; }

    /// <summary>The stream.</summary>
    public abstract StreamId StreamId { get; }

    /// <summary>Attaches <paramref name="observer"/> to the subscription in the current activation.</summary>
    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer);

    /// <summary>Removes the subscription: no further events are delivered.</summary>
    public abstract Task UnsubscribeAsync();
}
