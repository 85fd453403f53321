using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Hive.Grains.Streaming;

/// <summary>The log events of the "market" stream provider.</summary>
internal static partial class MarketStreamLog
{
    [LoggerMessage(1, LogLevel.Debug, "Grain {Subscriber} subscribed to {Provider}/{Stream} with handle {HandleId}")]
    public static partial void Subscribed(ILogger logger, GrainId subscriber, Guid handleId, string provider, StreamId stream);

    [LoggerMessage(2, LogLevel.Debug, "Grain {Subscriber} unsubscribed handle {HandleId} from {Provider}/{Stream}")]
    public static partial void Unsubscribed(ILogger logger, GrainId subscriber, Guid handleId, string provider, StreamId stream);

    [LoggerMessage(3, LogLevel.Warning, "Event {Sequence} of {Provider}/{Stream} was not delivered to grain {Subscriber} (handle {HandleId}): {Outcome}")]
    public static partial void NotDelivered(ILogger logger, GrainId subscriber, Guid handleId, string provider, StreamId stream, long sequence, DeliveryOutcome outcome);

    [LoggerMessage(4, LogLevel.Error, "Event {Sequence} of {Provider}/{Stream} was dropped for grain {Subscriber} (handle {HandleId}) after {Attempts} attempts")]
    public static partial void GaveUp(ILogger logger, Exception error, GrainId subscriber, Guid handleId, string provider, StreamId stream, long sequence, int attempts);

    [LoggerMessage(5, LogLevel.Information, "Delivery of {Provider}/{Stream} to grain {Subscriber} failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, Exception error, GrainId subscriber, string provider, StreamId stream, int attempt, TimeSpan delay);

    [LoggerMessage(6, LogLevel.Warning, "The observer of stream handle {HandleId} threw")]
    public static partial void ObserverThrew(ILogger logger, Exception error, Guid handleId);

    [LoggerMessage(7, LogLevel.Warning, "Stream handle {HandleId} was resumed with an observer of another item type than {ItemType}")]
    public static partial void TypeMismatch(ILogger logger, Guid handleId, Type itemType);

    [LoggerMessage(8, LogLevel.Warning, "OnSubscribed threw while resuming handle {HandleId} of stream {Stream}")]
    public static partial void ResumeThrew(ILogger logger, Exception error, Guid handleId, StreamId stream);
}
